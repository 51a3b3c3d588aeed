# oracle: wasm32
# size: instances of a plain class and of classes with __slots__
import sys
class Plain:
    pass
class OneSlot:
    __slots__ = ("a",)
class ThreeSlots:
    __slots__ = ("a", "b", "c")
class WithWeakref:
    __slots__ = ("a", "__weakref__")
print("Plain():", sys.getsizeof(Plain()))
print("OneSlot():", sys.getsizeof(OneSlot()))
print("ThreeSlots():", sys.getsizeof(ThreeSlots()))
print("WithWeakref():", sys.getsizeof(WithWeakref()))
