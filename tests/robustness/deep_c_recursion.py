# variants: native asan
# Recursion far past any C stack: RecursionError every time, never a crash (CPython segfaults on some of these).
import sys
sys.setrecursionlimit(1000000)
class A:
    def __init__(self, n):
        if n:
            A(n - 1)
try:
    A(200000)
except RecursionError as e:
    print("init", e)
def f(n):
    return f(n + 1) if n < 10**7 else n
try:
    print(f(0))
except RecursionError as e:
    print("f", e)
x = ()
for i in range(1000000):
    x = (x,)
try:
    hash(x)
except RecursionError as e:
    print("hash", e)
l = []
for i in range(1000000):
    l = [l]
try:
    print(l == l[0])
except RecursionError as e:
    print("eq", e)
print("alive")
