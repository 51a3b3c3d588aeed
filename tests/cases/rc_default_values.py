# rc: default argument values are held by the function's __defaults__ tuple
import sys
d = []
print("before def:", sys.getrefcount(d))
def f(a=d, b=d):
    return a
print("after def (two defaults):", sys.getrefcount(d))
print("default is d:", f() is d)
del f
print("after del f:", sys.getrefcount(d))
