# cache: constants that are not identifier-like are not interned
import sys
const = "hello world!"
built = "".join(["hello", " world!"])
interned = sys.intern(built)
print("sys.intern(built) is const:", interned is const)
print("sys.intern(built) is built:", interned is built)
print("interning again gives the same:", sys.intern("".join(["hello", " world!"])) is built)
