# cyc: many small cycles created in a loop are all collected at once
import gc
gc.collect()
class Pair:
    pass
for i in range(20):
    p = Pair()
    q = Pair()
    p.q = q
    q.p = p
del p, q
print("collected:", gc.collect())
