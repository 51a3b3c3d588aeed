# fl: tuples taken from the tuple free list are not counted as allocations either
import gc
def count():
    return gc.get_count()[0]
x = []
print((1, 2))
gc.collect()
count()
base = count()
t = (x, x)
first = count() - base
del t
u = (x, x)
second = count() - base
print("first 2-tuple:", first)
print("a second 2-tuple, from the free list, adds:", second - first)
