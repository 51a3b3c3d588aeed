# fin: freeing the head of a linked chain frees the rest, head first
class Node:
    def __init__(self, n, nxt):
        self.n = n
        self.next = nxt
    def __del__(self):
        print("__del__ node", self.n)
head = None
for i in range(4):
    head = Node(i, head)
print("head is node", head.n)
del head
print("end")
