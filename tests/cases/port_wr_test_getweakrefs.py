# port: test_weakref.py ReferencesTestCase.test_getweakrefs
import weakref
class C:
    pass
def callback(ref):
    pass
def test_getweakrefs():
    o = C()
    ref1 = weakref.ref(o, callback)
    ref2 = weakref.ref(o, callback)
    del ref1
    print("[ref2]:", weakref.getweakrefs(o) == [ref2])
    o = C()
    ref1 = weakref.ref(o, callback)
    ref2 = weakref.ref(o, callback)
    del ref2
    print("[ref1]:", weakref.getweakrefs(o) == [ref1])
    del ref1
    print("[]:", weakref.getweakrefs(o))
    print("int:", weakref.getweakrefs(1))
test_getweakrefs()
