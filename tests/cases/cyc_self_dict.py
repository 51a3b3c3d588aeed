# cyc: a dict that is its own value
import gc
gc.collect()
d = {}
d["me"] = d
print("tracked:", gc.is_tracked(d))
del d
print("collected:", gc.collect())
