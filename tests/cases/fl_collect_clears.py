# fl: a full collection empties the free lists, a young collection does not
import gc
def count():
    return gc.get_count()[0]
print((1, 2))
gc.collect()
count()
a = []
del a
gc.collect(0)
base = count()
b = []
young = count() - base
del b
gc.collect()
count()
base = count()
c = []
full = count() - base
print("new list after collect(0) (free list kept):", young)
print("new list after collect() (free list emptied):", full)
