# fin: __del__ of objects in a cycle runs once, during gc.collect() (PEP 442)
import gc
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
gc.collect()
a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("after del")
print("collected:", gc.collect())
print("again:", gc.collect())
