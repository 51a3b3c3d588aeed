# rc: 10**6 is folded by the compiler into one constant
import sys
a = 10**6
print("a = 10**6:", sys.getrefcount(a))
b = 10**6
print("a is b:", a is b, sys.getrefcount(a))
