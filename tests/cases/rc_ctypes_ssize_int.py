# oracle: wasm32
# rc: c_ssize_t and c_int read the same first word (the refcount is small)
import ctypes
from ctypes import c_ssize_t, c_int
obj = {}
a = obj
b = obj
addr = id(obj)
print("c_ssize_t:", c_ssize_t.from_address(addr).value)
print("c_int:", c_int.from_address(addr).value)
print(repr(c_int.from_address(addr)))
del a
print("after del a:", ctypes.c_ssize_t.from_address(addr).value)
