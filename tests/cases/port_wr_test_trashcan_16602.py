# port: test_weakref.py ReferencesTestCase.test_trashcan_16602
import gc
import weakref
def test_trashcan_16602():
    class C:
        def __init__(self, parent):
            if not parent:
                return
            wself = weakref.ref(self)
            def cb(wparent):
                o = wself()
            self.wparent = weakref.ref(parent, cb)
    d = weakref.WeakKeyDictionary()
    root = c = C(None)
    for n in range(100):
        d[c] = c = C(c)
    del root
    gc.collect()
    print("survived; entries left:", len(d))
test_trashcan_16602()
