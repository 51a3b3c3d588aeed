# wr: callbacks for several objects of one garbage cycle all run during the same collection
import gc
import weakref
class Node:
    def __init__(self, name):
        self.name = name
log = []
def cb(r):
    log.append("callback")
gc.collect()
a = Node("a")
b = Node("b")
c = Node("c")
a.n = b
b.n = c
c.n = a
refs = [weakref.ref(x, cb) for x in (a, b, c)]
del a, b, c
log.append("collect")
n = gc.collect()
log.append("done")
print(n, log)
print([r() for r in refs])
