# gen: collect(0) adds one to generation 1's count; collect(1) adds one to generation 2's count
import gc
print((1, 2))
gc.collect()
gc.collect(0)
gc.collect(0)
gc.collect(0)
c1 = gc.get_count()
gc.collect(1)
c2 = gc.get_count()
print("after three collect(0):", c1[1:])
print("after collect(1):", c2[1:])
