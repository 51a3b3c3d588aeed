# port: test_gc.py GCTests.test_trashcan (deeply nested containers freed while __del__ collects)
import gc
gc.disable()
def test_trashcan():
    class Ouch:
        n = 0
        def __del__(self):
            Ouch.n = Ouch.n + 1
            if Ouch.n % 17 == 0:
                gc.collect()
    gc.enable()
    N = 150
    for count in range(2):
        t = []
        for i in range(N):
            t = [t, Ouch()]
        u = []
        for i in range(N):
            u = [u, Ouch()]
        v = {}
        for i in range(N):
            v = {1: v, 2: Ouch()}
    gc.disable()
    print("no crash; __del__ calls so far:", Ouch.n)
    del t, u, v
    print("after freeing the last three:", Ouch.n)
test_trashcan()
