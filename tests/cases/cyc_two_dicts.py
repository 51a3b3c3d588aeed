# cyc: two dicts referring to each other form a 2-object cycle
import gc
gc.collect()
d1 = {}
d2 = {}
d1["d2"] = d2
d2["d1"] = d1
del d1, d2
print("collected:", gc.collect())
