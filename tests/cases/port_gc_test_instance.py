# port: test_gc.py GCTests.test_instance
import gc
gc.disable()
def test_instance():
    class A:
        pass
    a = A()
    a.a = a
    gc.collect()
    del a
    n = gc.collect()
    print("gc.collect() != 0:", n != 0, n)
test_instance()
