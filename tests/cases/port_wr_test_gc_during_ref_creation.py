# port: test_weakref.py ReferencesTestCase.test_gc_during_ref_creation (and _proxy_creation)
import gc
import weakref
def check_gc_during_creation(makeref):
    thresholds = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    gc.collect()
    class A:
        pass
    def callback(*args):
        pass
    referenced = A()
    a = A()
    a.a = a
    a.wr = makeref(referenced)
    try:
        a = A()
        weakref.ref(referenced, callback)
    finally:
        gc.set_threshold(thresholds[0], thresholds[1], thresholds[2])
    print(makeref.__name__, "survived, referenced alive:", weakref.ref(referenced)() is referenced)
check_gc_during_creation(weakref.ref)
check_gc_during_creation(weakref.proxy)
