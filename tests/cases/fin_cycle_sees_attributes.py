# fin: during collection, __del__ runs before the cycle is broken, so attributes are intact
import gc
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name, "-> other is", self.other.name)
gc.collect()
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("collected:", gc.collect())
