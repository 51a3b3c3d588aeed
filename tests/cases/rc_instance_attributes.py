# rc: instance attributes, setattr/getattr and del of an attribute
import sys
class Box:
    pass
x = []
b = Box()
b.content = x
print("b.content = x:", sys.getrefcount(x))
setattr(b, "spare", x)
print("setattr spare:", sys.getrefcount(x))
print("getattr:", getattr(b, "spare") is x, sys.getrefcount(x))
del b.content
print("after del b.content:", sys.getrefcount(x))
print("hasattr content:", hasattr(b, "content"))
del b
print("after del b:", sys.getrefcount(x))
