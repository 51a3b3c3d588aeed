# port: test_gc.py GCTests.test_is_tracked (bytes, complex, bytearray and int/float subclasses left out)
import gc
def test_is_tracked():
    # Atomic built-in types are not tracked, user-defined objects and mutable containers are.
    print("not tracked:", [gc.is_tracked(x) for x in (None, 1, 1.0, True, False, "a", type, int, object, object())])
    class UserClass:
        pass
    class UserClassSlots:
        __slots__ = ()
    class UserList(list):
        pass
    print("tracked:", [gc.is_tracked(x) for x in (gc, UserClass, UserClass(), [], set(), UserClassSlots(), UserList())])
test_is_tracked()
