# oracle: wasm32
# size: tuples have no over-allocation: header plus one pointer per item
import sys
n = 1
for t in [(), (n,), (n, n), (n, n, n), tuple(range(10)), tuple(range(100))]:
    print(len(t), sys.getsizeof(t))
