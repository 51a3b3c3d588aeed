# wr: if the weak reference itself dies first, its callback never runs
import weakref
class Thing:
    pass
def cb(r):
    print("should not be printed")
t = Thing()
r = weakref.ref(t, cb)
del r
del t
print("no callback")
