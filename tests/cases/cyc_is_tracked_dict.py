# cyc: dicts start untracked and become tracked when a container is stored
import gc
gc.collect()
d = {}
print("empty dict:", gc.is_tracked(d))
d["a"] = 1
d["b"] = "two"
print("only atomic values:", gc.is_tracked(d))
d["c"] = []
print("after storing a list:", gc.is_tracked(d))
del d["c"]
print("after removing it (still tracked):", gc.is_tracked(d))
gc.collect()
print("after a collection:", gc.is_tracked(d))
e = {"k": (1, 2)}
print("dict display with a tuple value:", gc.is_tracked(e))
