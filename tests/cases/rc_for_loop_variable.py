# rc: the loop variable keeps the last item after the loop ends
import sys
a = []
b = []
for item in [a, b]:
    pass
print("a:", sys.getrefcount(a), "b:", sys.getrefcount(b))
print("item is b:", item is b)
del item
print("after del item:", sys.getrefcount(b))
