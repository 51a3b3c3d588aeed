# rc: -1000 is folded from the literal 1000 into a constant
import sys
n = -1000
print("n = -1000:", sys.getrefcount(n))
m = -n
print("m = -n:", sys.getrefcount(m))
