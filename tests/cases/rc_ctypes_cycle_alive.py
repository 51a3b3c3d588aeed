# rc: after del, two dicts in a cycle keep each other at refcount 1
import ctypes
import gc
gc.collect()
d1 = {}
d2 = {}
d1["other"] = d2
d2["other"] = d1
a1 = id(d1)
a2 = id(d2)
print("linked:", ctypes.c_long.from_address(a1).value, ctypes.c_long.from_address(a2).value)
del d1, d2
print("after del:", ctypes.c_long.from_address(a1).value, ctypes.c_long.from_address(a2).value)
print("collected:", gc.collect())
