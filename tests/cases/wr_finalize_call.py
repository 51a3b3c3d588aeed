# wr: calling a finalizer runs it at most once and returns the function's result
import weakref
class Resource:
    pass
def release(n):
    print("release", n)
    return n * 2
r = Resource()
f = weakref.finalize(r, release, 21)
print("f() ->", f())
print("alive:", f.alive, "f() again ->", f())
del r
print("end")
