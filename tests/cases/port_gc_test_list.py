# port: test_gc.py GCTests.test_list
import gc
gc.disable()
def test_list():
    l = []
    l.append(l)
    gc.collect()
    del l
    print("gc.collect() == 1:", gc.collect())
test_list()
