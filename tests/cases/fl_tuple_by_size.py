# fl: tuples have one free list per size; a freed 3-tuple is reused only by a 3-tuple
import gc
gc.collect()
x = []
t = (x, x, x)
old = id(t)
del t
u = (x, x)
v = (x, x, x)
print("2-tuple reused it:", id(u) == old)
print("3-tuple reused it:", id(v) == old)
