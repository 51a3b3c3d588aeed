# port: test_gc.py GCTests.test_saveall
import gc
gc.disable()
def test_saveall():
    gc.collect()
    print("gc.garbage empty:", gc.garbage == [])
    L = []
    L.append(L)
    id_L = id(L)
    debug = gc.get_debug()
    gc.set_debug(debug | gc.DEBUG_SAVEALL)
    del L
    gc.collect()
    gc.set_debug(debug)
    print("len(gc.garbage) == 1:", len(gc.garbage))
    obj = gc.garbage.pop()
    print("it is L:", id(obj) == id_L)
test_saveall()
