# cyc: collectable cycles do not go to gc.garbage
import gc
gc.collect()
class Node:
    def __del__(self):
        pass
a = Node()
a.me = a
del a
print("collected:", gc.collect())
print("gc.garbage:", gc.garbage)
