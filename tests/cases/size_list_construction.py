# oracle: wasm32
# size: the same 10 items, built in different ways
import sys
print("display:", sys.getsizeof([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))
print("list(range(10)):", sys.getsizeof(list(range(10))))
print("comprehension:", sys.getsizeof([i for i in range(10)]))
print("[0] * 10:", sys.getsizeof([0] * 10))
a = []
a.extend(range(10))
print("extend:", sys.getsizeof(a))
print("slice copy:", sys.getsizeof(a[:]))
