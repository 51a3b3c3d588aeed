# rc: sys.intern returns the canonical string; the interned table itself is not counted
import sys
a = "".join(["inter", "ned!"])
b = "".join(["inter", "ned!"])
print("equal, different objects:", a == b, a is b)
ia = sys.intern(a)
ib = sys.intern(b)
print("after interning:", ia is a, ib is a)
print("refcount of a (a, ia, ib, arg):", sys.getrefcount(a))
del b
print("the other copy b dropped, a unchanged:", sys.getrefcount(ib))
