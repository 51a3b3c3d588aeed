# fin: a cycle whose __del__ resurrects it is not collected; the next time it is freed without __del__
import gc
saved = []
class Node:
    def __del__(self):
        print("__del__")
        saved.append(self)
gc.collect()
n = Node()
n.me = n
del n
print("first collect:", gc.collect())
print("resurrected:", len(saved), gc.is_finalized(saved[0]))
saved.clear()
print("second collect:", gc.collect())
