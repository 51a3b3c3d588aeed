# variants: native asan
# Running out of heap: MemoryError, and the heap stays usable afterwards.
try:
    x = [0] * (10**9)
except MemoryError:
    print("huge list: MemoryError")
chunks = []
try:
    while True:
        chunks.append([1] * 10000)
except MemoryError:
    n = len(chunks)
    chunks = None
    print("filled the heap, then MemoryError:", n > 100)
d = {}
try:
    for i in range(10**8):
        d[i] = i
except MemoryError:
    d = None
    print("dict growth: MemoryError")
s = "x"
try:
    while True:
        s = s + s
except MemoryError:
    s = None
    print("string doubling: MemoryError")
print("after:", sum(range(10)), [i * i for i in range(5)])
print("alive")
