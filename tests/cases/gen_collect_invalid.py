# gen: only generations 0, 1 and 2 exist
import gc
try:
    gc.collect(3)
except ValueError as e:
    print("collect(3):", type(e).__name__, e)
try:
    gc.get_objects(5)
except ValueError as e:
    print("get_objects(5):", type(e).__name__, e)
print("stats per generation:", len(gc.get_stats()))
print("keys:", sorted(gc.get_stats()[0]))
