# port: test_gc.py GCTests.test_dict
import gc
gc.disable()
def test_dict():
    d = {}
    d[1] = d
    gc.collect()
    del d
    print("gc.collect() == 1:", gc.collect())
test_dict()
