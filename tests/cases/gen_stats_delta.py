# gen: differences between two gc.get_stats() calls
import gc
gc.collect()
before = gc.get_stats()
a = []
a.append(a)
del a
gc.collect(0)
gc.collect(0)
b = {}
b["b"] = b
del b
gc.collect(1)
after = gc.get_stats()
for g in range(3):
    print("generation", g, {k: after[g][k] - before[g][k] for k in ("collections", "collected", "uncollectable")})
