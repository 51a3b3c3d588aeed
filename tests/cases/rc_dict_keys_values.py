# rc: a dict holds one reference for a key and one for a value
import sys
class K:
    pass
k = K()
v = []
d = {}
d[k] = v
print("key:", sys.getrefcount(k), "value:", sys.getrefcount(v))
d[k] = v
print("same assignment again:", sys.getrefcount(k), sys.getrefcount(v))
d["other"] = v
print("value under two keys:", sys.getrefcount(v))
del d[k]
print("after del d[k]:", sys.getrefcount(k), sys.getrefcount(v))
d.clear()
print("after clear:", sys.getrefcount(v))
