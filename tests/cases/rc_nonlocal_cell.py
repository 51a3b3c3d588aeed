# rc: nonlocal rebinding changes what the shared cell holds
import sys
a = []
b = []
def outer():
    cur = a
    def swap():
        nonlocal cur
        cur = b
    return swap
fn = outer()
print("cell holds a:", sys.getrefcount(a), sys.getrefcount(b))
fn()
print("after swap, cell holds b:", sys.getrefcount(a), sys.getrefcount(b))
print("cell_contents is b:", fn.__closure__[0].cell_contents is b)
