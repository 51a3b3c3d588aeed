# cyc: gc.disable() stops automatic collection only; gc.collect() still works
import gc
gc.collect()
gc.disable()
print("enabled:", gc.isenabled())
for i in range(5):
    lst = []
    lst.append(lst)
del lst
print("collected while disabled:", gc.collect())
gc.enable()
print("enabled:", gc.isenabled())
