# port: test_weakref.py ReferencesTestCase.test_sf_bug_840829 (weakref callbacks that collect)
import gc
import weakref
def test_sf_bug_840829():
    class C(object):
        pass
    log = []
    c = C()
    wr = weakref.ref(c, lambda ignore: log.append(gc.collect()))
    del c
    del wr
    c1 = C()
    c1.i = C()
    wr = weakref.ref(c1.i, lambda ignore: log.append(gc.collect()))
    c2 = C()
    c2.c1 = c1
    del c1
    del c2
    print("callbacks ran:", len(log))
gc.collect()
test_sf_bug_840829()
