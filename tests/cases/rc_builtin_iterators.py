# rc: enumerate, zip, map, filter, reversed keep their source alive until exhausted or deleted
import sys
data = [1, 2, 3]
e = enumerate(data)
z = zip(data, data)
m = map(abs, data)
r = reversed(data)
print("four iterators (zip holds two):", sys.getrefcount(data))
list(e)
print("enumerate exhausted:", sys.getrefcount(data))
del z, m, r
print("all gone:", sys.getrefcount(data))
