# port: test_weakref.py FinalizeTestCase.test_order
import weakref
class A:
    pass
def test_order():
    a = A()
    res = []
    f1 = weakref.finalize(a, res.append, 'f1')
    f2 = weakref.finalize(a, res.append, 'f2')
    f3 = weakref.finalize(a, res.append, 'f3')
    f4 = weakref.finalize(a, res.append, 'f4')
    f5 = weakref.finalize(a, res.append, 'f5')
    # make sure finalizers can keep themselves alive
    del f1, f4
    print("alive:", f2.alive, f3.alive, f5.alive)
    print("detach:", bool(f5.detach()), f5.alive)
    f5()
    res.append('A')
    f3()
    print("f3 alive:", f3.alive)
    res.append('B')
    f3()
    res.append('C')
    del a
    print("f2 alive:", f2.alive)
    res.append('D')
    f2()
    print(res)
test_order()
