# fl: the dict free list also holds at most 80 dicts
import gc
def count():
    return gc.get_count()[0]
keep = []
print((1, 2))
gc.collect()
count()
for i in range(90):
    keep.append({})
keep.clear()
base = count()
for i in range(90):
    keep.append({})
print("real allocations for 90 new dicts:", count() - base)
