# gen: a generation-0 threshold of 0 disables automatic collection even though gc is enabled
import gc
class Obj:
    pass
print((1, 2))
gc.set_threshold(0)
gc.collect()
keep = [Obj() for i in range(1000)]
count = gc.get_count()
enabled = gc.isenabled()
gc.set_threshold(700)
print("enabled:", enabled)
print("count:", count)
