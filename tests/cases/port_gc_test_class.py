# port: test_gc.py GCTests.test_class
import gc
gc.disable()
def test_class():
    class A:
        pass
    A.a = A
    gc.collect()
    del A
    n = gc.collect()
    print("gc.collect() != 0:", n != 0, n)
test_class()
