# rc: += on a list mutates in place (same object); on a tuple it builds a new one
import sys
x = []
lst = [x]
alias = lst
lst += [x]
print("list is still alias:", lst is alias, sys.getrefcount(x))
tup = (x,)
talias = tup
tup += (x,)
print("tuple rebound to a new one:", tup is talias, sys.getrefcount(x))
