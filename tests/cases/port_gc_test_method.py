# port: test_gc.py GCTests.test_method
import gc
gc.disable()
def test_method():
    # Tricky: self.__init__ is a bound method, it references the instance.
    class A:
        def __init__(self):
            self.init = self.__init__
    a = A()
    gc.collect()
    del a
    n = gc.collect()
    print("gc.collect() != 0:", n != 0, n)
test_method()
