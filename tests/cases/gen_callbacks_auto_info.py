# gen: an automatic collection reports its generation and what it collected (self-referencing dicts)
import gc
infos = []
def cb(phase, info):
    if phase == "stop":
        infos.append((info["generation"], info["collected"]))
print((1, 2))
gc.set_threshold(20)
gc.collect()
gc.callbacks.append(cb)
for i in range(50):
    d = {}
    d["d"] = d
gc.callbacks.remove(cb)
gc.set_threshold(700)
print(infos)
