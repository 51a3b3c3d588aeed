# port: test_weakref.py ReferencesTestCase.test_callback_in_cycle
import gc
import weakref
def test_callback_in_cycle():
    class J(object):
        pass
    class II(object):
        def acallback(self, ignore):
            self.J
    I = II()
    I.J = J
    I.wr = weakref.ref(J, I.acallback)
    del I, J, II
    n = gc.collect()
    print("collected without crashing:", n > 0)
gc.collect()
test_callback_in_cycle()
