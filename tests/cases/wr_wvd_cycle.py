# wr: a WeakValueDictionary value in a cycle disappears at gc.collect()
import gc
import weakref
class Node:
    pass
gc.collect()
d = weakref.WeakValueDictionary()
n = Node()
n.me = n
d[1] = n
del n
print("before collect:", len(d))
gc.collect()
print("after collect:", len(d), list(d.items()))
