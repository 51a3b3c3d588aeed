# port: test_weakref.py ReferencesTestCase.test_ref_created_during_del
import weakref
ref_from_del = None
def test_ref_created_during_del():
    class Target(object):
        def __del__(self):
            global ref_from_del
            ref_from_del = weakref.ref(self)
    w = Target()
test_ref_created_during_del()
print("ref made in __del__ is dead:", ref_from_del() is None)
