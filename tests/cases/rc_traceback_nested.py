# rc: every frame of the traceback keeps its own locals
import sys
obj = []
def inner():
    b = obj
    raise ValueError("deep")
def outer():
    a = obj
    inner()
try:
    outer()
except ValueError as e:
    kept = e
print("two frames hold obj:", sys.getrefcount(obj))
del kept
print("exception dropped:", sys.getrefcount(obj))
