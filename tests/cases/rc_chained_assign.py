# rc: chained assignment binds every target to the same object
import sys
a = b = c = {}
print("a = b = c = {}:", sys.getrefcount(a))
print("same object:", a is b, b is c)
del a, b
print("after del a, b:", sys.getrefcount(c))
