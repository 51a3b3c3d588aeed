# cyc: a new cycle is in generation 0, so gc.collect(0) finds it
import gc
gc.collect()
a = {}
a["a"] = a
del a
print("collect(0):", gc.collect(0))
b = {}
b["b"] = b
del b
print("collect(1):", gc.collect(1))
c = {}
c["c"] = c
del c
print("collect(2):", gc.collect(2))
