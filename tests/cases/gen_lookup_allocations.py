# gen: hasattr, getattr with a default, dict.get and next with a default make no exception object; try/except does
import gc
class A: pass
a = A()
gc.collect()
c0 = gc.get_count()[0]
for i in range(10):
    hasattr(a, "x")
print("hasattr", gc.get_count()[0] - c0)
gc.collect()
c0 = gc.get_count()[0]
for i in range(10):
    getattr(a, "x", None)
print("getattr default", gc.get_count()[0] - c0)
gc.collect()
c0 = gc.get_count()[0]
d = {}
for i in range(10):
    d.get(i)
print("dict.get", gc.get_count()[0] - c0)
gc.collect()
c0 = gc.get_count()[0]
for i in range(10):
    try:
        a.x
    except AttributeError:
        pass
print("try a.x", gc.get_count()[0] - c0)
gc.collect()
c0 = gc.get_count()[0]
for i in range(10):
    try:
        d[1]
    except KeyError:
        pass
print("try d[1]", gc.get_count()[0] - c0)
it = iter([1,2])
gc.collect()
c0 = gc.get_count()[0]
for i in range(10):
    next(it, None)
print("next default", gc.get_count()[0] - c0)
