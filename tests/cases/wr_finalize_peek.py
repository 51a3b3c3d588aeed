# wr: peek() shows (obj, func, args, kwargs) without unregistering
import weakref
class Resource:
    pass
def release(*args, **kwargs):
    print("release", args, sorted(kwargs.items()))
r = Resource()
f = weakref.finalize(r, release, 1, 2, key="v")
obj, func, args, kwargs = f.peek()
print("peek:", obj is r, func is release, args, kwargs)
del obj
print("still alive:", f.alive)
del r
print("after del:", f.alive, f.peek())
