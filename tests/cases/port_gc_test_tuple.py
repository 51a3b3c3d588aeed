# port: test_gc.py GCTests.test_tuple
import gc
gc.disable()
def test_tuple():
    # since tuples are immutable we close the loop with a list
    l = []
    t = (l,)
    l.append(t)
    gc.collect()
    del t
    del l
    print("gc.collect() == 2:", gc.collect())
test_tuple()
