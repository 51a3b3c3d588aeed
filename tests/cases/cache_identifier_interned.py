# cache: identifier-like string constants are interned; sys.intern of an equal string finds them
import sys
const = "hello_world"
built = "".join(["hello", "_world"])
print("equal:", built == const, "same:", built is const)
print("sys.intern(built) is const:", sys.intern(built) is const)
