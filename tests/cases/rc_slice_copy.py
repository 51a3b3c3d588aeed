# rc: a slice copy is a new list that references the same elements
import sys
x = []
lst = [x, x, x, 1]
print("x in lst:", sys.getrefcount(x))
part = lst[:2]
print("after part = lst[:2]:", sys.getrefcount(x))
full = lst[:]
print("after full = lst[:]:", sys.getrefcount(x), full is lst)
del lst[0:2]
print("after del lst[0:2]:", sys.getrefcount(x))
