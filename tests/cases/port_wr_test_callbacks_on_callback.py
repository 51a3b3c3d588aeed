# port: test_weakref.py ReferencesTestCase.test_callbacks_on_callback
import gc
import weakref
def test_callbacks_on_callback():
    alist = []
    def safe_callback(ignore):
        alist.append("safe_callback called")
    class C(object):
        def cb(self, ignore):
            alist.append("cb called")
    c, d = C(), C()
    c.other = d
    d.other = c
    callback = c.cb
    c.wr = weakref.ref(d, callback)
    d.wr = weakref.ref(callback, d.cb)
    external_wr = weakref.ref(callback, safe_callback)
    print("external_wr() is callback:", external_wr() is callback)
    del callback, c, d, C
    print("after del:", alist)
    gc.collect()
    print("after collect:", alist)
    print("external_wr() is None:", external_wr() is None)
    del alist[:]
    gc.collect()
    print("after second collect:", alist)
gc.collect()
test_callbacks_on_callback()
