# port: test_gc.py GCTests.test_collect_generations
import gc
gc.disable()
def test_collect_generations():
    gc.collect()
    # This object will "trickle" into generation N + 1 after each call to collect(N)
    x = []
    gc.collect(0)
    a, b, c = gc.get_count()
    gc.collect(1)
    d, e, f = gc.get_count()
    gc.collect(2)
    g, h, i = gc.get_count()
    print("(b, c) == (1, 0):", (b, c))
    print("(e, f) == (0, 1):", (e, f))
    print("(h, i) == (0, 0):", (h, i))
test_collect_generations()
