# rc: a constant also used inside a function is referenced by that function's co_consts too
# (the compiler merges equal constants of the whole script into one object)
import sys
def f():
    return 424242
n = 424242
print("n (name, arena, module co_consts, f's co_consts, arg):", sys.getrefcount(n))
print("f() is n:", f() is n)
