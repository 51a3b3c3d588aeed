# wr: objects in a cycle die only at gc.collect(); that is when callbacks run
import gc
import weakref
class Node:
    pass
def cb(r):
    print("callback during collection")
gc.collect()
a = Node()
b = Node()
a.b = b
b.a = a
r = weakref.ref(a, cb)
del a, b
print("after del, alive:", r() is not None)
print("collected:", gc.collect())
print("after collect:", r())
