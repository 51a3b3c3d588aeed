# rc: only the direct container counts, not the containers around it
import sys
leaf = []
mid = [leaf]
outer = [mid, [mid]]
print("leaf:", sys.getrefcount(leaf))
print("mid:", sys.getrefcount(mid))
print("outer:", sys.getrefcount(outer))
del outer
print("mid after del outer:", sys.getrefcount(mid))
