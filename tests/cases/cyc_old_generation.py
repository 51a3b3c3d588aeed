# cyc: a cycle that survived a collection is older; collect(0) no longer looks at it
import gc
gc.collect()
a = []
a.append(a)
print("alive, collect(0):", gc.collect(0))
del a
print("now garbage, collect(0):", gc.collect(0))
print("collect(1):", gc.collect(1))
