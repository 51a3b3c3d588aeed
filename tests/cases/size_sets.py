# oracle: wasm32
# size: sets keep a small table inline and grow it in steps
import sys
s = set()
sizes = [sys.getsizeof(s)]
for i in range(20):
    s.add(i)
    sizes.append(sys.getsizeof(s))
print(sizes)
print("set(range(5)):", sys.getsizeof(set(range(5))))
