# cyc: a generator in a cycle with a list. The collector first runs the generator's finalizer,
# which closes an unstarted or suspended generator; that frees both objects by reference counting, and
# objects freed during the finalizer phase are not counted in gc.collect()'s result.
import gc
import weakref
gc.collect()
def gen(box):
    yield 1
    yield 2
box = []
g = gen(box)
box.append(g)
r = weakref.ref(g)
del g, box
print("not started, collected (generator + list):", gc.collect(), r() is None)
box = []
g = gen(box)
box.append(g)
print("started:", next(g))
r = weakref.ref(g)
del g, box
print("suspended, collected:", gc.collect(), "freed:", r() is None)
