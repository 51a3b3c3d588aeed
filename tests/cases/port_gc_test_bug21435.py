# port: test_gc.py GCTests.test_bug21435 (a __del__ that rebinds attributes during collection)
import gc
gc.disable()
def test_bug21435():
    gc.collect()
    class A:
        pass
    class B:
        def __init__(self, x):
            self.x = x
        def __del__(self):
            self.attr = None
    def do_work():
        a = A()
        b = B(A())
        a.attr = b
        b.attr = a
    do_work()
    print("collected:", gc.collect())
test_bug21435()
