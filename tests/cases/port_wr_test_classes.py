# port: test_weakref.py ReferencesTestCase.test_classes
import gc
import weakref
def test_classes():
    class A(object):
        pass
    l = []
    weakref.ref(int)
    a = weakref.ref(A, l.append)
    A = None
    gc.collect()
    print("a() is None:", a() is None)
    print("l == [a]:", l == [a], len(l))
gc.collect()
test_classes()
