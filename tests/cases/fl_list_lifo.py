# fl: the list free list is a stack: the last list freed is the first reused
import gc
gc.collect()
a = []
b = []
ida = id(a)
idb = id(b)
del a
del b
c = []
d = []
print("c took b's object:", id(c) == idb)
print("d took a's object:", id(d) == ida)
