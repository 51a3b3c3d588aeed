# gen: deallocating a GC object subtracts 1 from the generation-0 count (instances have no free list)
import gc
def count():
    return gc.get_count()[0]
class Obj:
    pass
print((1, 2))
gc.collect()
count()
base = count()
o1 = Obj()
o2 = Obj()
o3 = Obj()
d1 = count() - base
del o1
d2 = count() - base
o2 = None
o3 = None
d3 = count() - base
print("three instances:", d1)
print("one freed:", d2)
print("all freed:", d3)
