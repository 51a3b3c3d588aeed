# rc: float literal at module level (4); a computed float has only its name (2)
import sys
f = 2.5
print("f = 2.5:", sys.getrefcount(f))
g = f * 2
print("g = f * 2:", sys.getrefcount(g))
