# rc: returning an object hands the frame's reference to the caller
import sys
def make():
    obj = []
    return obj
r = make()
print("returned new list:", sys.getrefcount(r))
keep = []
def same():
    return keep
r2 = same()
print("returned existing list:", sys.getrefcount(keep))
same()
print("result discarded:", sys.getrefcount(keep))
