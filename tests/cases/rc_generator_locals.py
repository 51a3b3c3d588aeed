# rc: a suspended generator's frame holds its arguments and locals
import sys
data = []
def gen(src):
    copy = src
    yield 1
    copy = None
    yield 2
g = gen(data)
print("created (argument stored in frame):", sys.getrefcount(data))
next(g)
print("suspended at first yield:", sys.getrefcount(data))
next(g)
print("after copy = None:", sys.getrefcount(data))
del g
print("generator deleted:", sys.getrefcount(data))
