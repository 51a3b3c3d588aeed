# oracle: wasm32
# size: floats, bools and None
import sys
print("1.0:", sys.getsizeof(1.0))
print("1e300:", sys.getsizeof(1e300))
print("True:", sys.getsizeof(True))
print("False:", sys.getsizeof(False))
print("None:", sys.getsizeof(None))
