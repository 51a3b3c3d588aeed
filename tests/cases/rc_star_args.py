# rc: *args packs the arguments into a tuple that holds them during the call
import sys
x = []
def f(*args):
    return len(args), sys.getrefcount(x)
def g(*args):
    return f(*args)
print("f(x, x):", f(x, x))
print("forwarded through g:", g(x))
print("after:", sys.getrefcount(x))
