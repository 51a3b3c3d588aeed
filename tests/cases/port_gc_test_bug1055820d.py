# port: test_gc.py GCTogglingTests.test_bug1055820d (a __del__ must not resurrect cleared trash)
import gc
import weakref
class C1055820(object):
    def __init__(self, i):
        self.i = i
        self.loop = self
class GC_Detector(object):
    def __init__(self):
        self.gc_happened = False
        def it_happened(ignored):
            self.gc_happened = True
        self.wr = weakref.ref(C1055820(666), it_happened)
def test_bug1055820d():
    gc.enable()
    ouch = []
    class D(C1055820):
        def __del__(self):
            ouch[:] = [c2wr()]
    d0 = D(0)
    gc.collect()
    c1 = C1055820(1)
    c1.keep_d0_alive = d0
    del d0.loop
    c2 = C1055820(2)
    c2wr = weakref.ref(c2)
    d0 = c1 = c2 = None
    detector = GC_Detector()
    junk = []
    i = 0
    while not detector.gc_happened:
        i += 1
        if i > 10000:
            print("gc didn't happen after 10000 iterations")
            break
        if len(ouch) != 0:
            print("__del__ ran too early")
        junk.append([])
    print("__del__ invoked once:", len(ouch))
    print("it saw None:", ouch)
    gc.disable()
test_bug1055820d()
