# rc: an iterator holds its container until it is exhausted
import sys
lst = [1, 2]
it = iter(lst)
print("with iterator:", sys.getrefcount(lst))
print(next(it), next(it))
print("at the end but not yet exhausted:", sys.getrefcount(lst))
print("next with default:", next(it, "done"))
print("exhausted iterator dropped the list:", sys.getrefcount(lst))
