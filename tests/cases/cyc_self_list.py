# cyc: a list containing itself survives del and is found by gc.collect()
import gc
import sys
gc.collect()
lst = []
lst.append(lst)
print("refcount with self reference:", sys.getrefcount(lst))
del lst
print("collected:", gc.collect())
print("nothing left:", gc.collect())
