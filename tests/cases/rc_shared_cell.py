# rc: two closures of one call share a single cell object
import sys
def make():
    value = []
    def get():
        return value
    def put(v):
        nonlocal value
        value = v
    return get, put
get, put = make()
c1 = get.__closure__[0]
c2 = put.__closure__[0]
print("same cell:", c1 is c2)
print("cell refcount (2 closures + c1 + c2 + arg):", sys.getrefcount(c1))
x = []
put(x)
print("x now in the cell:", sys.getrefcount(x), get() is x)
