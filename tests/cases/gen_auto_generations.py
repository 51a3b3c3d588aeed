# gen: generation 1 is collected when more than threshold1 young collections happened since its last one
import gc
class Obj:
    pass
gens = []
keep = []
def cb(phase, info):
    if phase == "start":
        gens.append(info["generation"])
print((1, 2))
gc.set_threshold(5, 2, 100)
gc.collect()
gc.callbacks.append(cb)
for i in range(60):
    keep.append(Obj())
gc.callbacks.remove(cb)
gc.set_threshold(700, 10, 10)
print("generations collected:", gens)
