# rc: dict copies, get, setdefault, pop and update
import sys
v = []
d = {"a": v}
e = dict(d)
print("in two dicts:", sys.getrefcount(v))
got = d.get("a")
print("plus a name from get():", sys.getrefcount(v))
del got
d.setdefault("b", v)
print("setdefault stored it:", sys.getrefcount(v))
d.pop("a")
print("after pop (result dropped):", sys.getrefcount(v))
e.update(c=v)
print("after update:", sys.getrefcount(v))
