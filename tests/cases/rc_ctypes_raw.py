# rc: reading ob_refcnt through ctypes has no argument reference
import sys
import ctypes
x = []
y = x
addr = id(x)
print("getrefcount:", sys.getrefcount(x))
print("raw read:", ctypes.c_long.from_address(addr).value)
print("repr:", ctypes.c_long.from_address(addr))
del y
print("after del y:", sys.getrefcount(x), ctypes.c_long.from_address(addr).value)
