# cyc: touching __dict__ materialises a dict per instance: 4 objects
import gc
gc.collect()
class Node:
    def __init__(self, value):
        self.value = value
        self.next = None
n1 = Node(1)
n2 = Node(2)
n1.next = n2
n2.next = n1
print("attributes:", sorted(n1.__dict__), n2.__dict__["value"])
del n1, n2
print("collected:", gc.collect())
