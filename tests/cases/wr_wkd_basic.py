# wr: WeakKeyDictionary drops an entry when its key dies
import weakref
class Key:
    pass
d = weakref.WeakKeyDictionary()
k1 = Key()
k2 = Key()
d[k1] = "one"
d[k2] = "two"
print("len:", len(d), d[k1], d[k2])
print("k1 in d:", k1 in d)
del k1
print("after del k1:", len(d), sorted(d.values()))
d[k2] = "TWO"
print("updated:", d[k2], len(d))
