# oracle: wasm32
# size: getsizeof counts only the container itself, not what it refers to
import sys
small = [1]
big = [list(range(1000))]
print("list holding a small list:", sys.getsizeof(small))
print("list holding a big list:", sys.getsizeof(big))
print("same:", sys.getsizeof(small) == sys.getsizeof(big))
print("inner big list:", sys.getsizeof(big[0]))
