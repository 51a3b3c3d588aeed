# port: test_weakref.py ReferencesTestCase.test_callback_different_classes
import gc
import weakref
log = []
def test_callback_different_classes():
    class C(object):
        def cb(self, ignore):
            log.append("cb")
            self.me
            self.c1
            self.wr
    class D:
        pass
    c1, c2 = D(), C()
    c2.me = c2
    c2.c1 = c1
    c2.wr = weakref.ref(c1, c2.cb)
    del c1, c2, C, D
    n = gc.collect()
    print("collected without crashing:", n > 0)
    print("callback calls:", log)
gc.collect()
test_callback_different_classes()
