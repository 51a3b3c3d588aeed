# wr: repr of a live and of a dead weak reference
import weakref
class Thing:
    pass
t = Thing()
r = weakref.ref(t)
print(repr(r))
del t
print(repr(r))
