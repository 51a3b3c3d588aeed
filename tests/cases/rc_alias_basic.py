# rc: every name bound to an object adds one reference; getrefcount's argument adds one
import sys
a = []
print("a only:", sys.getrefcount(a))
b = a
print("a, b:", sys.getrefcount(a))
c = b
print("a, b, c:", sys.getrefcount(a))
del b
print("after del b:", sys.getrefcount(a))
c = None
print("after c = None:", sys.getrefcount(a))
print("a is still a list:", a)
