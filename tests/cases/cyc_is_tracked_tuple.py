# cyc: a tuple of atomic items is untracked by the first collection that sees it
import gc
gc.collect()
a = 1000
t = tuple([a, "s", 2.5])
print("new tuple:", gc.is_tracked(t))
gc.collect()
print("after a collection:", gc.is_tracked(t))
u = tuple([[], 1])
gc.collect()
print("tuple holding a list after a collection:", gc.is_tracked(u))
print("empty tuple:", gc.is_tracked(()))
