# gen: the info dict reports which generation was collected
import gc
gc.collect()
seen = []
def cb(phase, info):
    if phase == "stop":
        seen.append((info["generation"], info["collected"]))
gc.callbacks.append(cb)
for gen in (0, 1, 2):
    d = {}
    d["self"] = d
    del d
    gc.collect(gen)
gc.callbacks.remove(cb)
print(seen)
