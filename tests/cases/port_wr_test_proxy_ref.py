# port: test_weakref.py ReferencesTestCase.test_proxy_ref
import weakref
class C:
    pass
cbcalled = [0]
def callback(ref):
    cbcalled[0] += 1
def test_proxy_ref():
    o = C()
    o.bar = 1
    ref1 = weakref.proxy(o, callback)
    ref2 = weakref.proxy(o, callback)
    del o
    def check(proxy):
        proxy.bar
    for r in (ref1, ref2):
        try:
            check(r)
        except ReferenceError:
            print("ReferenceError")
    ref3 = weakref.proxy(C())
    try:
        bool(ref3)
    except ReferenceError:
        print("ReferenceError for bool()")
    print("cbcalled == 2:", cbcalled[0])
test_proxy_ref()
