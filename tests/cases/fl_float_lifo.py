# fl: the float free list is a stack too
import gc
gc.collect()
k = 0.5
a = k + 1
b = k + 2
ida = id(a)
idb = id(b)
del a, b
c = k + 3
d = k + 4
print("c took b's object:", id(c) == idb)
print("d took a's object:", id(d) == ida)
