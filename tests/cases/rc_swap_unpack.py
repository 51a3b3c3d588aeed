# rc: tuple unpacking and swapping move references, they do not add any
import sys
a = []
b = {}
a, b = b, a
print("after swap:", type(a).__name__, type(b).__name__, sys.getrefcount(a), sys.getrefcount(b))
p, q = [a, b]
print("after unpacking a list display:", sys.getrefcount(a), sys.getrefcount(b))
(r, s), t = (a, b), a
print("nested unpacking:", sys.getrefcount(a), sys.getrefcount(b))
