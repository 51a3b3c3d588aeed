# port: test_gc.py GCTogglingTests.test_bug1055820c (a weakref callback must not resurrect cleared trash)
import gc
import weakref
class C1055820(object):
    def __init__(self, i):
        self.i = i
        self.loop = self
class GC_Detector(object):
    # Create an instance I.  Then gc hasn't happened again so long as I.gc_happened is false.
    def __init__(self):
        self.gc_happened = False
        def it_happened(ignored):
            self.gc_happened = True
        # Create a piece of cyclic trash that triggers it_happened when gc collects it.
        self.wr = weakref.ref(C1055820(666), it_happened)
def test_bug1055820c():
    gc.enable()
    c0 = C1055820(0)
    gc.collect()
    c1 = C1055820(1)
    c1.keep_c0_alive = c0
    del c0.loop
    c2 = C1055820(2)
    c2wr = weakref.ref(c2)
    ouch = []
    def callback(ignored):
        ouch[:] = [c2wr()]
    c0wr = weakref.ref(c0, callback)
    c0 = c1 = c2 = None
    junk = []
    i = 0
    detector = GC_Detector()
    while not detector.gc_happened:
        i += 1
        if i > 10000:
            print("gc didn't happen after 10000 iterations")
            break
        if len(ouch) != 0:
            print("callback ran too early")
        junk.append([])
    print("callback invoked once:", len(ouch))
    print("it saw None:", ouch)
    gc.disable()
test_bug1055820c()
