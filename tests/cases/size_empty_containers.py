# oracle: wasm32
# size: sys.getsizeof of empty objects on a 32-bit build
import sys
print("[]", sys.getsizeof([]))
print("{}", sys.getsizeof({}))
print("()", sys.getsizeof(()))
print("set()", sys.getsizeof(set()))
print("''", sys.getsizeof(""))
print("object()", sys.getsizeof(object()))
