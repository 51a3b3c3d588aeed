# rc: the compiler does not fold 2**100 (result too big), so it is computed at run time
import sys
big = 2**100
print("big = 2**100:", sys.getrefcount(big))
small = 2**20
print("small = 2**20:", sys.getrefcount(small))
print(big, small)
