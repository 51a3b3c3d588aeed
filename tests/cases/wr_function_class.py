# wr: functions and classes are weak-referenceable
import gc
import weakref
def f():
    return 42
rf = weakref.ref(f)
print("function:", rf()())
del f
print("function dead after del:", rf() is None)
class K:
    pass
rk = weakref.ref(K)
del K
print("class alive until collected (it is in cycles):", rk() is not None)
gc.collect()
print("class after collect:", rk() is None)
