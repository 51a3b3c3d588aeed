# wr: getweakrefcount counts refs and proxies; getweakrefs lists them (newest first)
import weakref
class Thing:
    pass
def cb(r):
    pass
t = Thing()
print("none yet:", weakref.getweakrefcount(t), weakref.getweakrefs(t))
r1 = weakref.ref(t)
r2 = weakref.ref(t, cb)
p = weakref.proxy(t)
print("count:", weakref.getweakrefcount(t))
refs = weakref.getweakrefs(t)
print("listed:", len(refs), r1 in refs, r2 in refs)
del r2, refs
print("after del r2:", weakref.getweakrefcount(t))
del t
print("after the referent died, r1() is None:", r1() is None)
