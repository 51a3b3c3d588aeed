# gen: collect(g) zeroes the counts of generations 0..g and adds one to generation g + 1
import gc
print((1, 2))
gc.collect()
after_full = gc.get_count()
junk = [[] for i in range(5)]
before = gc.get_count()
gc.collect(0)
after_young = gc.get_count()
gc.collect(1)
after_middle = gc.get_count()
gc.collect()
after_full2 = gc.get_count()
print("after gc.collect():", after_full)
print("after 6 lists and 1 tuple:", before)
print("after collect(0):", after_young)
print("after collect(1):", after_middle)
print("after collect(2):", after_full2)
