# oracle: wasm32
# size: popping items shrinks the allocation once the list is less than half full
import sys
lst = list(range(32))
sizes = [sys.getsizeof(lst)]
while lst:
    lst.pop()
    sizes.append(sys.getsizeof(lst))
print(sizes)
