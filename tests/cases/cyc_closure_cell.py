# cyc: a nested function that refers to itself through its closure cell
import gc
gc.collect()
def make():
    def again():
        return again
    return again
f = make()
print("f() is f:", f() is f)
print("closure cell holds f:", f.__closure__[0].cell_contents is f)
del f
print("collected (function, closure tuple, cell):", gc.collect())
