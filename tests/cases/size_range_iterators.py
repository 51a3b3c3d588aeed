# oracle: wasm32
# size: range objects and iterators are small fixed-size objects
import sys
r = range(1000)
print("range:", sys.getsizeof(r))
print("list iterator:", sys.getsizeof(iter([1, 2])))
print("tuple iterator:", sys.getsizeof(iter((1, 2))))
print("range iterator:", sys.getsizeof(iter(r)))
print("dict key iterator:", sys.getsizeof(iter({})))
print("enumerate:", sys.getsizeof(enumerate([])))
print("zip:", sys.getsizeof(zip([], [])))
