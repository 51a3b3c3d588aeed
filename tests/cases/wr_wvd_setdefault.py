# wr: WeakValueDictionary.setdefault / get / pop / iteration of live values
import weakref
class V:
    def __init__(self, n):
        self.n = n
d = weakref.WeakValueDictionary()
keep = [V(1), V(2), V(3)]
for v in keep:
    d[v.n] = v
print("setdefault existing:", d.setdefault(1, V(9)).n)
print("get:", d.get(2).n, d.get(7, "missing"))
print("pop:", d.pop(3).n, len(d))
print("values:", sorted(v.n for v in d.values()))
keep.clear()
print("after the values died:", len(d))
