# port: test_gc.py GCTests.test_bug1055820b (weakref callbacks must not see damaged instances)
import gc
import weakref
gc.disable()
class C1055820(object):
    def __init__(self, i):
        self.i = i
        self.loop = self
def test_bug1055820b():
    ouch = []
    def callback(ignored):
        ouch[:] = [wr() for wr in WRs]
    Cs = [C1055820(i) for i in range(2)]
    WRs = [weakref.ref(c, callback) for c in Cs]
    c = None
    gc.collect()
    print("no callbacks yet:", len(ouch))
    Cs = None
    gc.collect()
    print("callbacks ran:", len(ouch))
    print("all saw None:", ouch)
test_bug1055820b()
