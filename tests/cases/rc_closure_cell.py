# rc: a closure keeps a captured object alive through a cell
import sys
def make():
    data = []
    def inner():
        return data
    return inner
fn = make()
obj = fn()
print("obj + cell + arg:", sys.getrefcount(obj))
cell = fn.__closure__[0]
print("cell holds it:", cell.cell_contents is obj)
del fn
print("fn deleted, cell still referenced by name:", sys.getrefcount(obj))
del cell
print("cell gone:", sys.getrefcount(obj))
