# wr: finalizers still alive at interpreter exit run then, newest first
import weakref
class Resource:
    pass
def release(name):
    print("released at exit:", name)
a = Resource()
b = Resource()
c = Resource()
fa = weakref.finalize(a, release, "a")
fb = weakref.finalize(b, release, "b")
fc = weakref.finalize(c, release, "c")
fb.atexit = False
print("atexit flags:", fa.atexit, fb.atexit, fc.atexit)
print("end of script")
