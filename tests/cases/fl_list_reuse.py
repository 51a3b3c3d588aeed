# fl: a freed list object is reused by the next list that is created
import gc
gc.collect()
a = [1, 2, 3]
old = id(a)
del a
b = ["x"]
print("b reuses a's object:", id(b) == old)
del b
c = list(range(5))
print("list(...) allocates through the type, not the free list:", id(c) == old)
