# wr: repr of a proxy, and a proxy is not the object itself
import weakref
class Thing:
    pass
t = Thing()
p = weakref.proxy(t)
print(repr(p))
print("p is t:", p is t)
print("type(p) is Thing:", type(p) is Thing)
