# rc: class attributes live in the class __dict__; reading them through an instance adds nothing
import sys
shared = []
class C:
    pass
C.items = shared
print("after C.items = shared:", sys.getrefcount(shared))
c1 = C()
c2 = C()
print("two instances read it:", c1.items is shared, c2.items is shared, sys.getrefcount(shared))
c1.items = shared
print("instance attribute too:", sys.getrefcount(shared))
del C.items
print("after del C.items:", sys.getrefcount(shared))
