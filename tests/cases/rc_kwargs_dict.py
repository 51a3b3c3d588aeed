# rc: **kwargs is a new dict holding the keyword values during the call
import sys
x = []
def f(**kwargs):
    return sorted(kwargs), sys.getrefcount(x)
def g(**kwargs):
    return f(**kwargs)
print("f(a=x, b=x):", f(a=x, b=x))
print("forwarded:", g(a=x))
print("after:", sys.getrefcount(x))
