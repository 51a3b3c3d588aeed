# rc: a tuple of constants is itself a constant
import sys
t = (1, 2, 3)
print("t = (1, 2, 3):", sys.getrefcount(t))
u = (1, 2, 3)
print("t is u:", t is u)
v = (1, 2, [3])
print("tuple with a list is built at run time:", sys.getrefcount(v))
