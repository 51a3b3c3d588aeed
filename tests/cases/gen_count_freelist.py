# gen: a list taken from the list free list is not a new allocation and a list put on it is not
# a deallocation: the count does not move. gc.collect() empties the free lists first.
import gc
def count():
    return gc.get_count()[0]
print((1, 2))
gc.collect()
count()
base = count()
a = []
d1 = count() - base
del a
d2 = count() - base
b = []
d3 = count() - base
c = []
d4 = count() - base
print("new list:", d1)
print("freed onto the free list:", d2)
print("reused from the free list:", d3)
print("free list empty again, new list:", d4)
