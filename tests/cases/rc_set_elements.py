# rc: a set holds one reference per element; adding an equal element again changes nothing
import sys
class Item:
    pass
i = Item()
s = set()
s.add(i)
print("after add:", sys.getrefcount(i))
s.add(i)
print("after second add:", sys.getrefcount(i))
s.discard(i)
print("after discard:", sys.getrefcount(i))
s2 = {i}
s3 = set(s2)
print("in two sets:", sys.getrefcount(i))
