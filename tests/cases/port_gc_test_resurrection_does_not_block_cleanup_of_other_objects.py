# port: test_gc.py GCTests.test_resurrection_does_not_block_cleanup_of_other_objects
import gc
def test_resurrection_does_not_block_cleanup_of_other_objects():
    N = 100
    class A:  # simple self-loop
        def __init__(self):
            self.me = self
    class Z(A):  # resurrecting __del__
        def __del__(self):
            zs.append(self)
    zs = []
    def getstats():
        d = gc.get_stats()[-1]
        return d['collected'], d['uncollectable']
    gc.collect()
    gc.disable()
    oldc, oldnc = getstats()
    for i in range(N):
        A()
    t = gc.collect()
    c, nc = getstats()
    print("A() only:", t, c - oldc, nc - oldnc)
    oldc, oldnc = c, nc
    Z()
    t = gc.collect()
    c, nc = getstats()
    print("Z() resurrected:", t, c - oldc, nc - oldnc)
    oldc, oldnc = c, nc
    for i in range(N):
        A()
    Z()
    t = gc.collect()
    c, nc = getstats()
    print("A()s and a Z():", t, c - oldc, nc - oldnc)
    oldc, oldnc = c, nc
    zs.clear()
    t = gc.collect()
    c, nc = getstats()
    print("the two Zs:", t, c - oldc, nc - oldnc)
    gc.enable()
test_resurrection_does_not_block_cleanup_of_other_objects()
