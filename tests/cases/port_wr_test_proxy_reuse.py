# port: test_weakref.py ReferencesTestCase.test_proxy_reuse
import weakref
class C:
    pass
def test_proxy_reuse():
    o = C()
    proxy1 = weakref.proxy(o)
    ref = weakref.ref(o)
    proxy2 = weakref.proxy(o)
    print("proxy re-used:", proxy1 is proxy2)
test_proxy_reuse()
