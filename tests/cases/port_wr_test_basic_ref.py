# port: test_weakref.py ReferencesTestCase.test_basic_ref
import weakref
class C:
    def method(self):
        pass
def create_function():
    def f(): pass
    return f
def create_bound_method():
    return C().method
def check_basic_ref(factory):
    o = factory()
    ref = weakref.ref(o)
    print(factory.__name__, "live:", ref() is not None, "same object:", ref() is o)
def test_basic_ref():
    check_basic_ref(C)
    check_basic_ref(create_function)
    check_basic_ref(create_bound_method)
    o = C()
    wr = weakref.ref(o)
    print("live repr starts with:", repr(wr).split(";")[0][:11])
    del o
    print("dead repr ends with:", repr(wr).split(";")[1])
test_basic_ref()
