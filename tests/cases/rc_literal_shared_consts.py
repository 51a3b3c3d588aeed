# rc: f and g compile to equal co_consts tuples (None, 424242); the compiler merges those tuples
# too, so f and g share ONE tuple and together add only one reference to 424242; h's tuple differs
import sys
def f():
    return 424242
def g():
    return 424242
def h():
    return 424242 + len("h")
n = 424242
print("n, arena, module co_consts, f/g shared tuple, h tuple, arg:", sys.getrefcount(n))
print(f() is g(), h())
