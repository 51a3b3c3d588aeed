# rc: equal constants in one script are one object (merged by the compiler)
import sys
x = 1000
y = 1000
print("x is y:", x is y)
print("refcount (x, y, arena, co_consts, arg):", sys.getrefcount(x))
s = "merge me!"
t = "merge me!"
print("s is t:", s is t, sys.getrefcount(s))
