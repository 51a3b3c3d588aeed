# port: test_weakref.py ReferencesTestCase.test_getweakrefcount
import weakref
class C:
    pass
def callback(ref):
    pass
def test_getweakrefcount():
    o = C()
    ref1 = weakref.ref(o)
    ref2 = weakref.ref(o, callback)
    print("== 2:", weakref.getweakrefcount(o))
    proxy1 = weakref.proxy(o)
    proxy2 = weakref.proxy(o, callback)
    print("== 4:", weakref.getweakrefcount(o))
    del ref1, ref2, proxy1, proxy2
    print("== 0:", weakref.getweakrefcount(o))
    print("int == 0:", weakref.getweakrefcount(1))
test_getweakrefcount()
