# fl: dict objects are reused from the dict free list
import gc
gc.collect()
d = {"a": 1, "b": 2}
old = id(d)
del d
e = {}
print("e reuses d's object:", id(e) == old)
del e
f = dict(x=1)
print("dict(...) allocates through the type, not the free list:", id(f) == old)
