# oracle: wasm32
# size: ints grow by one digit at a time
import sys
for n in [0, 1, -1, 255, 2**15 - 1, 2**15, 2**30 - 1, 2**30, 2**45, 2**60, 2**64, 10**30]:
    print(n, sys.getsizeof(n))
