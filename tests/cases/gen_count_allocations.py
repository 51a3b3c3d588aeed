# gen: every new GC object (list, dict, instance, tuple) adds 1 to the generation-0 count;
# ints, strs and floats are not GC objects. count() returns gc.get_count()[0]; its result
# 3-tuple comes from the tuple free list once one 3-tuple has been freed (the first call).
import gc
def count():
    return gc.get_count()[0]
class Obj:
    pass
print((1, 2))
gc.collect()
count()
base = count()
a = []
d1 = count() - base
b = {}
d2 = count() - base
o = Obj()
d3 = count() - base
t = (a, b)
d4 = count() - base
n = 12345 * 7
s = "abc" * 3
f = 1.5 * 3
d5 = count() - base
print("after a list:", d1)
print("after a dict:", d2)
print("after an instance:", d3)
print("after a tuple:", d4)
print("after an int, a str and a float:", d5)
