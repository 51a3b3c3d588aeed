# cyc: atomic objects (ints, floats, strs, None) are never tracked; containers are
import gc
x = 12345
print("int:", gc.is_tracked(x))
print("float:", gc.is_tracked(1.5))
print("str:", gc.is_tracked("text"))
print("None:", gc.is_tracked(None))
print("list:", gc.is_tracked([]))
print("set:", gc.is_tracked(set()))
class C:
    pass
print("instance:", gc.is_tracked(C()))
print("function:", gc.is_tracked(lambda: 0))
