# gen: automatic collections reclaim cycles without gc.collect(). Lists freed by a collection refill
# the list free list (80 entries) and lists taken from it are not counted as allocations, so each
# collection sees 101 new lists plus the 80 reused ones.
import gc
print((1, 2))
gc.set_threshold(100)
gc.collect()
before = gc.get_stats()[0]
for i in range(1000):
    x = []
    x.append(x)
after = gc.get_stats()[0]
gc.set_threshold(700)
print("automatic young collections:", after["collections"] - before["collections"])
print("objects they collected:", after["collected"] - before["collected"])
