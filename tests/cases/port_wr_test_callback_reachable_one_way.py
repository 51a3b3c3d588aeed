# port: test_weakref.py ReferencesTestCase.test_callback_reachable_one_way
import gc
import weakref
log = []
def test_callback_reachable_one_way():
    class C:
        def cb(self, ignore):
            log.append("cb")
            self.me
            self.c1
            self.wr
    c1, c2 = C(), C()
    c2.me = c2
    c2.c1 = c1
    c2.wr = weakref.ref(c1, c2.cb)
    del c1, c2
    print("collected:", gc.collect())
    print("callback calls:", log)
gc.collect()
test_callback_reachable_one_way()
