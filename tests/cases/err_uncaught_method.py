# err: an uncaught error inside a method (AttributeError on None)
class Node:
    def __init__(self, nxt):
        self.next = nxt
    def last(self):
        node = self
        while True:
            node = node.next
            if node.value == 0:
                return node
chain = Node(Node(None))
chain.last()
