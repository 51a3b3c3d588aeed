# rc: each list slot holding an object is one reference
import sys
x = object()
print("start:", sys.getrefcount(x))
lst = [x, x, x]
print("in a list three times:", sys.getrefcount(x))
lst.append(x)
print("after append:", sys.getrefcount(x))
lst.pop()
print("after pop (result discarded):", sys.getrefcount(x))
lst[0] = None
print("after lst[0] = None:", sys.getrefcount(x))
del lst
print("after del lst:", sys.getrefcount(x))
