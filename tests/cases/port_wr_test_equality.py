# port: test_weakref.py ReferencesTestCase.test_equality (ALWAYS_EQ left out)
import gc
import weakref
class Object:
    def __init__(self, arg):
        self.arg = arg
    def __eq__(self, other):
        if isinstance(other, Object):
            return self.arg == other.arg
        return NotImplemented
    def __hash__(self):
        return self.arg
def test_equality():
    x = Object(1)
    y = Object(1)
    z = Object(2)
    a = weakref.ref(x)
    b = weakref.ref(y)
    c = weakref.ref(z)
    d = weakref.ref(x)
    print("alive:", a == b, a != b, a == c, a != c, a == d, a != d, a == x, a != x)
    del x, y, z
    gc.collect()
    print("all dead:", [r() for r in (a, b, c)])
    print("dead:", a == b, a != b, a == c, a != c, (a == d) == (a is d), (a != d) == (a is not d))
test_equality()
