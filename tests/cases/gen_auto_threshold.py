# gen: with a generation-0 threshold of 10, the allocation that makes the count exceed 10 runs a
# collection; a callback records how many objects had been appended when each one started.
# (Afterwards the stop callback's info dict and argument tuple come from the free lists.)
import gc
class Obj:
    pass
objs = []
starts = []
def cb(phase, info):
    if phase == "start":
        starts.append(len(objs))
print((1, 2))
gc.set_threshold(10)
gc.collect()
gc.callbacks.append(cb)
for i in range(40):
    objs.append(Obj())
gc.callbacks.remove(cb)
gc.set_threshold(700)
print("collections started after", starts, "objects")
