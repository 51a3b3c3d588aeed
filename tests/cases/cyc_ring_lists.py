# cyc: a ring of 6 lists is found as one unreachable group
import gc
gc.collect()
first = []
cur = first
for i in range(5):
    nxt = []
    cur.append(nxt)
    cur = nxt
cur.append(first)
del first, cur, nxt
print("collected:", gc.collect())
