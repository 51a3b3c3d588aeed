# wr: a finalizer of an object in a cycle runs when the collector frees the cycle
import gc
import weakref
class Node:
    pass
def done(label):
    print("finalized", label)
gc.collect()
n = Node()
n.me = n
f = weakref.finalize(n, done, "node")
del n
print("after del, alive:", f.alive)
print("collected:", gc.collect())
print("alive:", f.alive)
