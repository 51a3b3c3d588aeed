# port: test_gc.py GCTests.test_del (dir(self) replaced by another allocation in __del__)
import gc
gc.disable()
def test_del():
    # __del__ methods can trigger collection, make this to happen
    thresholds = gc.get_threshold()
    gc.enable()
    gc.set_threshold(1)
    class A:
        def __del__(self):
            [self, [], {}]
    a = A()
    del a
    gc.disable()
    gc.set_threshold(thresholds[0], thresholds[1], thresholds[2])
    print("survived, thresholds restored:", gc.get_threshold())
test_del()
