# oracle: wasm32
# size: a list over-allocates as it grows by append; print the size after each append
import sys
lst = []
sizes = [sys.getsizeof(lst)]
for i in range(20):
    lst.append(i)
    sizes.append(sys.getsizeof(lst))
print(sizes)
