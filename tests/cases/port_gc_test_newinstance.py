# port: test_gc.py GCTests.test_newinstance (the class C(B, A) part needs multiple inheritance and is left out)
import gc
gc.disable()
def test_newinstance():
    class A(object):
        pass
    a = A()
    a.a = a
    gc.collect()
    del a
    print("instance cycle:", gc.collect())
    class B(list):
        pass
    b = B()
    b.a = b
    gc.collect()
    del b
    print("list subclass instance cycle:", gc.collect())
    del B
    print("class B:", gc.collect())
    A.a = A()
    del A
    print("class A with an instance:", gc.collect())
    print("nothing left:", gc.collect())
test_newinstance()
