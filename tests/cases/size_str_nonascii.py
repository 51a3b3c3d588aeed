# oracle: wasm32
# size: non-ASCII strings use 1, 2 or 4 bytes per character and a bigger header
import sys
print("latin-1 x1:", sys.getsizeof("\xe9"))
print("latin-1 x4:", sys.getsizeof("caf\xe9"))
print("BMP x1:", sys.getsizeof("\u0101"))
print("BMP x4:", sys.getsizeof("\u0101bcd"))
print("astral x1:", sys.getsizeof("\U0001F600"))
print("astral x4:", sys.getsizeof("\U0001F600bcd"))
