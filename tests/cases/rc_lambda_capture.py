# rc: a lambda captures through a cell; a lambda default through __defaults__
import sys
def make(obj):
    return lambda: obj
x = []
f = make(x)
print("captured by the lambda's cell:", sys.getrefcount(x))
g = lambda o=x: o
print("also a lambda default:", sys.getrefcount(x))
print(f() is x, g() is x)
del f, g
print("both lambdas deleted:", sys.getrefcount(x))
