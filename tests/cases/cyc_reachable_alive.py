# cyc: a cycle that is still referenced from a live object is not garbage
import gc
gc.collect()
a = []
b = [a]
a.append(b)
holder = {"cycle": a}
del a, b
print("while holder references it:", gc.collect())
del holder["cycle"]
print("after removing the last outside reference:", gc.collect())
