# fl: freeing tuples of sizes 1, 2 and 3 fills three separate free lists
import gc
gc.collect()
x = []
t1 = (x,)
t2 = (x, x)
t3 = (x, x, x)
ids = [id(t1), id(t2), id(t3)]
del t1, t2, t3
n3 = (x, x, x)
n1 = (x,)
n2 = (x, x)
print("reused by size:", [id(n1) == ids[0], id(n2) == ids[1], id(n3) == ids[2]])
