# oracle: wasm32
# size: dicts with str keys use a more compact entry layout
import sys
d = {}
sizes = [sys.getsizeof(d)]
for name in ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]:
    d[name] = 0
    sizes.append(sys.getsizeof(d))
print(sizes)
print("display of 3:", sys.getsizeof({"a": 1, "b": 2, "c": 3}))
