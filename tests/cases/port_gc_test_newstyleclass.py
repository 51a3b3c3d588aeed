# port: test_gc.py GCTests.test_newstyleclass
import gc
gc.disable()
def test_newstyleclass():
    class A(object):
        pass
    gc.collect()
    del A
    n = gc.collect()
    print("gc.collect() != 0:", n != 0, n)
test_newstyleclass()
