# port: test_gc.py GCTests.test_get_count
import gc
gc.disable()
def test_get_count():
    gc.collect()
    a, b, c = gc.get_count()
    x = []
    d, e, f = gc.get_count()
    print("(b, c) == (0, 0):", (b, c))
    print("(e, f) == (0, 0):", (e, f))
    print("a < 5:", a < 5)
    print("d > a:", d > a)
test_get_count()
