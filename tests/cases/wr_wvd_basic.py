# wr: WeakValueDictionary drops an entry when its value dies
import weakref
class Val:
    def __init__(self, name):
        self.name = name
d = weakref.WeakValueDictionary()
a = Val("a")
b = Val("b")
d["x"] = a
d["y"] = b
print("len:", len(d), "d['x'].name:", d["x"].name)
del a
print("after del a:", len(d), "x" in d, sorted(d.keys()))
print("get missing:", d.get("x"))
try:
    d["x"]
except KeyError as e:
    print("KeyError", e)
