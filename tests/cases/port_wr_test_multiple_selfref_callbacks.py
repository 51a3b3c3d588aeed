# port: test_weakref.py ReferencesTestCase.test_multiple_selfref_callbacks
# (all references are invalidated before any callback runs)
import weakref
class C:
    pass
class Holder:
    pass
def test_multiple_selfref_callbacks():
    self = Holder()
    seen = []
    def callback(object, self=self):
        seen.append(self.ref())
    c = C()
    self.ref = weakref.ref(c, callback)
    ref1 = weakref.ref(c, callback)
    del c
    print("callbacks saw:", seen)
test_multiple_selfref_callbacks()
