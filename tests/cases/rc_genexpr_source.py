# rc: a generator expression holds an iterator over its source
import sys
data = [1, 2, 3]
g = (v * 2 for v in data)
print("with a genexpr:", sys.getrefcount(data))
print("sum:", sum(g))
print("after it is consumed:", sys.getrefcount(data))
squares = [v * v for v in data]
print("a list comprehension keeps nothing:", sys.getrefcount(data), squares)
