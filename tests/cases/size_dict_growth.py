# oracle: wasm32
# size: a dict grows in steps as keys are added
import sys
d = {}
sizes = [sys.getsizeof(d)]
for i in range(20):
    d[i] = i
    sizes.append(sys.getsizeof(d))
print(sizes)
