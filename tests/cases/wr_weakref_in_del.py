# wr: when a cycle is collected, weak references are cleared before __del__ runs
import gc
import weakref
class Node:
    def __del__(self):
        print("__del__: weakref to me is dead:", wr() is None)
gc.collect()
n = Node()
n.me = n
wr = weakref.ref(n)
del n
print("collected:", gc.collect())
