# wr: weakref.ref without a callback is shared; with a callback a new ref is made each time
import weakref
class Thing:
    pass
def cb(r):
    pass
t = Thing()
a = weakref.ref(t)
b = weakref.ref(t)
c = weakref.ref(t, cb)
d = weakref.ref(t, cb)
print("a is b:", a is b)
print("c is d:", c is d, "c is a:", c is a)
print("all equal while alive:", a == c, c == d)
print("count:", weakref.getweakrefcount(t))
