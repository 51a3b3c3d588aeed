# wr: with plain reference counting, __del__ runs before the weakref callbacks
import weakref
class Thing:
    def __del__(self):
        print("__del__, weakref alive:", r() is not None)
def cb(ref):
    print("callback")
t = Thing()
r = weakref.ref(t, cb)
del t
print("done")
