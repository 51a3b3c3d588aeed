# cyc: referents of a cell, a bound method and several objects at once
import gc
def make():
    x = []
    def f():
        return x
    return f
f = make()
cell = f.__closure__[0]
print("cell:", [type(r).__name__ for r in gc.get_referents(cell)])
class C:
    def m(self):
        pass
c = C()
bm = c.m
kinds = sorted(type(r).__name__ for r in gc.get_referents(bm))
print("bound method:", kinds)
print("two lists at once:", len(gc.get_referents([1], [2, 3])))
print("int has none:", gc.get_referents(5))
