# port: test_weakref.py ReferencesTestCase.test_multiple_callbacks
import weakref
class C:
    pass
cbcalled = [0]
def callback(ref):
    cbcalled[0] += 1
def test_multiple_callbacks():
    o = C()
    ref1 = weakref.ref(o, callback)
    ref2 = weakref.ref(o, callback)
    del o
    print("ref1() is None:", ref1() is None, "ref2() is None:", ref2() is None)
    print("cbcalled == 2:", cbcalled[0])
test_multiple_callbacks()
