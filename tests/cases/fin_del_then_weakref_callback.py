# fin: in a collected cycle, weakref callbacks run before __del__
import gc
import weakref
class Node:
    def __del__(self):
        print("__del__")
def cb(r):
    print("weakref callback")
gc.collect()
n = Node()
n.me = n
r = weakref.ref(n, cb)
del n
print("collected:", gc.collect())
