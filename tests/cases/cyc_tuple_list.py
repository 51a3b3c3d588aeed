# cyc: a tuple and a list referring to each other
import gc
gc.collect()
lst = []
t = (lst, 1)
lst.append(t)
del lst, t
print("collected:", gc.collect())
