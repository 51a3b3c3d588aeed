# port: test_weakref.py FinalizeTestCase.test_all_freed
import weakref
class A:
    pass
def test_all_freed():
    # we want a weakrefable subclass of weakref.finalize
    class MyFinalizer(weakref.finalize):
        pass
    a = A()
    res = []
    def callback():
        res.append(123)
    f = MyFinalizer(a, callback)
    wr_callback = weakref.ref(callback)
    wr_f = weakref.ref(f)
    del callback, f
    print("alive before:", wr_callback() is not None, wr_f() is not None)
    del a
    print("freed after:", wr_callback() is None, wr_f() is None)
    print("res:", res)
test_all_freed()
