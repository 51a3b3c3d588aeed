# wr: with __slots__, instances are weak-referenceable only if __weakref__ is in the slots
import weakref
class Plain:
    __slots__ = ("x",)
class Weak:
    __slots__ = ("x", "__weakref__")
try:
    weakref.ref(Plain())
except TypeError as e:
    print("Plain:", e)
w = Weak()
r = weakref.ref(w)
print("Weak:", r() is w)
del w
print("dead:", r() is None)
