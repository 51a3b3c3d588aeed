# rc: [x] * n stores n references to the same object
import sys
x = []
rows = [x] * 5
print("[x] * 5:", sys.getrefcount(x))
rows[0].append(1)
print("all rows are x:", all(r is x for r in rows), rows[4])
rows = rows * 2
print("rows * 2:", sys.getrefcount(x))
rows = []
print("rows emptied:", sys.getrefcount(x))
