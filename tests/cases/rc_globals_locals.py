# rc: the module namespace is the dict globals() returns; calling it adds no lasting reference
import sys
x = []
print("x:", sys.getrefcount(x))
g = globals()
print("globals()['x'] is x:", g["x"] is x)
print("x after globals():", sys.getrefcount(x))
print("module-level locals() is globals():", locals() is g)
def f():
    a = x
    snap = locals()
    n = sys.getrefcount(x)
    return n, sorted(snap)
n, keys = f()
print("inside f with a locals() snapshot:", n, keys)
print("after f:", sys.getrefcount(x))
