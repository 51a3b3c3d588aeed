# cyc: two instances in a cycle are 2 objects (their __dict__ is not materialised in 3.11)
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
del n1, n2
print("collected:", gc.collect())
