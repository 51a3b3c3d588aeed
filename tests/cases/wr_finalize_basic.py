# wr: weakref.finalize calls a function with arguments when the object dies
import weakref
class Resource:
    pass
def release(name, code=0):
    print("release", name, code)
r = Resource()
f = weakref.finalize(r, release, "file", code=7)
print("alive:", f.alive)
del r
print("alive after del:", f.alive)
print("calling again does nothing:", f())
