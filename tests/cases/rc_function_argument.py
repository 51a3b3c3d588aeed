# rc: inside a call the parameter is one more reference; it is gone after return
import sys
x = []
def f(o):
    return sys.getrefcount(o)
def g(o):
    alias = o
    return sys.getrefcount(o)
print("caller only:", sys.getrefcount(x))
print("inside f(o):", f(x))
print("inside g with a local alias:", g(x))
print("after the calls:", sys.getrefcount(x))
