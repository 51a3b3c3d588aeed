# fin: the collector runs the finalizers of a garbage cycle in the order the objects were created
import gc
class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
gc.collect()
nodes = [Node(c) for c in "abcd"]
for i in range(4):
    nodes[i].next = nodes[(i + 1) % 4]
del nodes
print("collecting")
print("collected:", gc.collect())
