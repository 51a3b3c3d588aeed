# port: test_weakref.py ReferencesTestCase.test_callbacks_protected
import weakref
class BogusError(Exception):
    pass
def test_callbacks_protected():
    data = {}
    def remove(k):
        del data[k]
    def encapsulate():
        f = lambda : ()
        data[weakref.ref(f, remove)] = None
        raise BogusError
    for attempt in range(2):
        try:
            encapsulate()
        except BogusError:
            print("BogusError restored, data:", len(data))
test_callbacks_protected()
