# rc: locals of a running function hold references until the function returns
import sys
x = []
def f():
    a = x
    b = [x, x]
    inside = sys.getrefcount(x)
    del b
    after_del = sys.getrefcount(x)
    return inside, after_del
inside, after_del = f()
print("inside f:", inside)
print("inside f after del b:", after_del)
print("after return:", sys.getrefcount(x))
