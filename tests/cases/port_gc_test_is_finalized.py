# port: test_gc.py GCTests.test_is_finalized
import gc
gc.disable()
def test_is_finalized():
    # Objects not tracked by the always gc return false
    print("is_finalized(3):", gc.is_finalized(3))
    storage = []
    class Lazarus:
        def __del__(self):
            storage.append(self)
    lazarus = Lazarus()
    print("before:", gc.is_finalized(lazarus))
    del lazarus
    gc.collect()
    lazarus = storage.pop()
    print("after:", gc.is_finalized(lazarus))
test_is_finalized()
