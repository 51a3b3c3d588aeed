# port: test_weakref.py ReferencesTestCase.test_basic_callback
import weakref
class C:
    def method(self):
        pass
def create_function():
    def f(): pass
    return f
def create_bound_method():
    return C().method
cbcalled = [0]
def callback(ref):
    cbcalled[0] += 1
def check_basic_callback(factory):
    cbcalled[0] = 0
    o = factory()
    ref = weakref.ref(o, callback)
    del o
    print(factory.__name__, "cbcalled == 1:", cbcalled[0], "ref() is None:", ref() is None)
def test_basic_callback():
    check_basic_callback(C)
    check_basic_callback(create_function)
    check_basic_callback(create_bound_method)
test_basic_callback()
