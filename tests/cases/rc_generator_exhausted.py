# rc: an exhausted generator releases its frame's references
import sys
data = []
def gen(src):
    for item in range(2):
        yield src
g = gen(data)
print("created:", sys.getrefcount(data))
print("values:", [v is data for v in g])
print("exhausted, g still alive:", sys.getrefcount(data))
