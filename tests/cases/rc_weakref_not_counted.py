# rc: weak references do not count in ob_refcnt
import sys
import weakref
class T:
    pass
t = T()
r1 = weakref.ref(t)
r2 = weakref.ref(t)
p = weakref.proxy(t)
print("refcount with 2 refs and a proxy:", sys.getrefcount(t))
print("weakref count:", weakref.getweakrefcount(t))
print("r1 is r2 (no callback, reused):", r1 is r2)
