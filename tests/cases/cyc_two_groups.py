# cyc: one collection returns the total of several independent cycles
import gc
gc.collect()
for i in range(3):
    x = []
    x.append(x)
d1 = {}
d2 = {"d1": d1}
d1["d2"] = d2
del x, d1, d2
print("collected:", gc.collect())
