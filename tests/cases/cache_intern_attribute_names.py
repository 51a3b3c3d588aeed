# cache: attribute names and dict keys written as constants are the same interned objects
import sys
class C:
    pass
c = C()
c.colour = 1
name = "colour"
key = "".join(["col", "our"])
print("runtime key equal:", key == name, "same:", key is name)
print("after sys.intern:", sys.intern(key) is name)
print("the attribute name in c.__dict__ is that object:", [k for k in c.__dict__][0] is name)
print("setattr with the runtime key works:", setattr(c, key, 2) is None, c.colour)
