# fl: the first [] is freed onto the list free list before the second [] is made, which reuses it
import gc
gc.collect()
print("id([]) == id([]):", id([]) == id([]))
print("id({}) == id({}):", id({}) == id({}))
a = []
print("while a lives:", id(a) == id([]))
