# Errors everywhere: in __del__, in weakref callbacks, in __repr__ during a traceback, in gc callbacks.
import gc, weakref
class Bad:
    def __del__(self):
        raise ValueError("in __del__")
    def __repr__(self):
        raise RuntimeError("in __repr__")
b = Bad()
del b
class T:
    pass
t = T()
r = weakref.ref(t, lambda ref: 1 / 0)
del t
def cb(phase, info):
    raise KeyError(phase)
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
c = Bad()
c.self = c
del c
print("collected", gc.collect())
print("alive")
