# port: test_weakref.py ReferencesTestCase.test_ref_reuse
import weakref
class C:
    pass
def test_ref_reuse():
    o = C()
    ref1 = weakref.ref(o)
    proxy = weakref.proxy(o)
    ref2 = weakref.ref(o)
    print("re-used with a proxy in between:", ref1 is ref2)
    o = C()
    proxy = weakref.proxy(o)
    ref1 = weakref.ref(o)
    ref2 = weakref.ref(o)
    print("re-used:", ref1 is ref2)
    print("getweakrefcount == 2:", weakref.getweakrefcount(o))
    del proxy
    print("after del proxy == 1:", weakref.getweakrefcount(o))
test_ref_reuse()
