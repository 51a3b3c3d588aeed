# gen: DEBUG_SAVEALL keeps collected objects in gc.garbage instead of freeing them
import gc
gc.collect()
print("debug flags:", gc.get_debug())
gc.set_debug(gc.DEBUG_SAVEALL)
print("DEBUG_SAVEALL:", gc.get_debug() == gc.DEBUG_SAVEALL, gc.DEBUG_SAVEALL)
a = [1]
b = [2, a]
a.append(b)
del a, b
print("collected:", gc.collect())
print("saved:", sorted(gc.garbage))
gc.set_debug(0)
gc.garbage.clear()
print("collected after clearing gc.garbage:", gc.collect())
