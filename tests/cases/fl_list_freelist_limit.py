# fl: the list free list holds at most 80 lists. After freeing 100 lists, 80 wait on the free list;
# making 100 new lists then needs only 20 real allocations (visible in the gen-0 count)
import gc
def count():
    return gc.get_count()[0]
keep = []
print((1, 2))
gc.collect()
count()
for i in range(100):
    keep.append([])
keep.clear()
base = count()
for i in range(100):
    keep.append([])
print("real allocations for 100 new lists:", count() - base)
