# rc: instances referring to each other through attributes
import sys
class Node:
    def __init__(self, name):
        self.name = name
        self.peer = None
a = Node("a")
b = Node("b")
print("start:", sys.getrefcount(a), sys.getrefcount(b))
a.peer = b
b.peer = a
print("linked:", sys.getrefcount(a), sys.getrefcount(b))
a.peer = None
print("a.peer cleared:", sys.getrefcount(a), sys.getrefcount(b))
