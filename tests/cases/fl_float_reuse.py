# fl: floats come from a float free list; a freed float is reused by the next float
import gc
gc.collect()
base = 1.25
f = base * 3
old = id(f)
del f
g = base * 5
print("g reuses f's object:", id(g) == old, g)
h = base * 7
print("h is another object:", id(h) == old, h)
