# cyc: breaking a cycle by hand lets reference counting free it; gc then finds nothing
import gc
import weakref
gc.collect()
class Node:
    pass
a = Node()
b = Node()
a.other = b
b.other = a
wa = weakref.ref(a)
del b
a.other = None
del a
print("freed by refcounting:", wa() is None)
print("collected:", gc.collect())
