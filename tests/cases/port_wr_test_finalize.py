# port: test_weakref.py FinalizeTestCase.test_finalize
import weakref
class A:
    pass
def test_finalize():
    def add(x, y, z):
        res.append(x + y + z)
        return x + y + z
    a = A()
    res = []
    f = weakref.finalize(a, add, 67, 43, z=89)
    print("alive:", f.alive)
    print("peek ok:", f.peek() == (a, add, (67, 43), {'z': 89}))
    print("calls:", f(), f(), f())
    print("after:", f.peek(), f.detach(), f.alive, res)
    res = []
    f = weakref.finalize(a, add, 67, 43, 89)
    print("peek ok:", f.peek() == (a, add, (67, 43, 89), {}))
    print("detach ok:", f.detach() == (a, add, (67, 43, 89), {}))
    print("after detach:", f(), f(), f.peek(), f.detach(), f.alive, res)
    res = []
    f = weakref.finalize(a, add, x=67, y=43, z=89)
    del a
    print("after del a:", f(), f(), f.peek(), f.detach(), f.alive, res)
test_finalize()
