# rc: a class attribute from a literal is held by the class dict, the class body's co_consts
# (the body code object stays in the module's co_consts) and the parser arena
import sys
class C:
    tag = "class tag!"
print("C.tag:", sys.getrefcount(C.tag))
c = C()
c.tag = C.tag
print("also an instance attribute:", sys.getrefcount(C.tag))
