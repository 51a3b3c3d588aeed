# gen: gc.callbacks are called with "start" and "stop" and an info dict
import gc
gc.collect()
events = []
def cb(phase, info):
    events.append((phase, info["generation"], info["collected"], info["uncollectable"], sorted(info)))
gc.callbacks.append(cb)
a = []
a.append(a)
del a
n = gc.collect()
gc.callbacks.remove(cb)
print("gc.collect() returned", n)
for e in events:
    print(e)
