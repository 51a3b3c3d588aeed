# rc: dict and set iterators hold their container too
import sys
d = {"a": 1}
s = {1, 2}
di = iter(d)
si = iter(s)
vi = iter(d.values())
print("dict with two iterators:", sys.getrefcount(d))
print("set with iterator:", sys.getrefcount(s))
del di, vi, si
print("after del:", sys.getrefcount(d), sys.getrefcount(s))
