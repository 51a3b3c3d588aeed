# gen: a new container is in generation 0; survivors move to 1, then to 2
import gc
def where(obj):
    return [g for g in (0, 1, 2) if any(o is obj for o in gc.get_objects(g))]
gc.collect()
x = []
print("new list in:", where(x))
gc.collect(0)
print("after collect(0):", where(x))
gc.collect(1)
print("after collect(1):", where(x))
gc.collect()
print("after collect(2):", where(x))
n = 12345
print("ints are never there:", any(o is n for o in gc.get_objects()))
