# wr: callbacks run newest first
import weakref
class Thing:
    pass
def make_cb(name):
    def cb(ref):
        print("callback", name)
    return cb
t = Thing()
r1 = weakref.ref(t, make_cb("first"))
r2 = weakref.ref(t, make_cb("second"))
r3 = weakref.ref(t, make_cb("third"))
del t
print("done")
