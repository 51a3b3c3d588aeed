# cyc: a ring of 10 instances
import gc
gc.collect()
class Link:
    pass
head = Link()
node = head
for i in range(9):
    node.next = Link()
    node = node.next
node.next = head
del head, node
print("collected:", gc.collect())
