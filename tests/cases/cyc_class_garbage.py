# cyc: a deleted class is cyclic garbage: the type, its __dict__, its __mro__ tuple (Temp, object),
# its __bases__ tuple (object,), the __dict__ and __weakref__ getset descriptors (which refer back
# to the type) and, with a method, the function object
import gc
import weakref
gc.collect()
class Empty:
    pass
r = weakref.ref(Empty)
del Empty
print("class alive after del:", r() is not None)
print("empty class collected:", gc.collect(), "gone:", r() is None)
gc.set_debug(gc.DEBUG_SAVEALL)
class Temp:
    def method(self):
        pass
del Temp
print("class with a method:", gc.collect())
print(sorted(type(o).__name__ for o in gc.garbage))
gc.set_debug(0)
gc.garbage.clear()
