# err: unbounded recursion raises RecursionError, which can be caught
import sys
def down(n):
    return down(n + 1)
print("limit:", sys.getrecursionlimit())
try:
    down(0)
except RecursionError as e:
    print(type(e).__name__ + ":", e)
sys.setrecursionlimit(200)
try:
    down(0)
except RecursionError as e:
    print("with limit 200:", e)
print("still running")
