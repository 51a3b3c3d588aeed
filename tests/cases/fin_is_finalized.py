# fin: gc.is_finalized is True only after the collector (or dealloc) ran the finalizer
import gc
keep = []
class Node:
    def __del__(self):
        keep.append(self)
gc.collect()
a = Node()
b = Node()
a.b = b
b.a = a
print("before:", gc.is_finalized(a), gc.is_finalized(b))
del a, b
gc.collect()
print("after collection both resurrected:", len(keep), [gc.is_finalized(x) for x in keep])
print("plain object:", gc.is_finalized(object()))
