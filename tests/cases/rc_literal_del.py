# rc: deleting the name of a literal leaves the parser arena and co_consts references
import sys
import ctypes
s = "still here!"
addr = id(s)
print("bound:", ctypes.c_long.from_address(addr).value)
del s
print("after del s:", ctypes.c_long.from_address(addr).value)
