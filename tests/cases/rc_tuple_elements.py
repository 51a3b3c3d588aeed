# rc: a tuple built at run time holds a reference per slot
import sys
x = []
t = (x, x)
print("in a 2-tuple twice:", sys.getrefcount(x))
u = (t, x)
print("tuple of tuple:", sys.getrefcount(x), sys.getrefcount(t))
del t
print("after del t (u still holds it):", sys.getrefcount(x))
del u
print("after del u:", sys.getrefcount(x))
