# wr: detach() unregisters a finalizer and returns (obj, func, args, kwargs)
import weakref
class Resource:
    pass
def release(tag):
    print("release", tag)
r = Resource()
f = weakref.finalize(r, release, "x")
obj, func, args, kwargs = f.detach()
print("detached:", obj is r, func is release, args, kwargs)
print("alive:", f.alive, "detach again:", f.detach())
del r, obj
print("nothing was released")
