# port: test_gc.py GCTests.test_get_stats
import gc
def test_get_stats():
    stats = gc.get_stats()
    print("len(stats) == 3:", len(stats))
    for st in stats:
        print(type(st).__name__, sorted(st), all(st[k] >= 0 for k in st))
    gc.disable()
    old = gc.get_stats()
    gc.collect(0)
    new = gc.get_stats()
    print("after collect(0):", [new[g]["collections"] - old[g]["collections"] for g in range(3)])
    gc.collect(2)
    new = gc.get_stats()
    print("after collect(2):", [new[g]["collections"] - old[g]["collections"] for g in range(3)])
    gc.enable()
test_get_stats()
