# cyc: an instance referring to itself: 1 object, or 2 once its __dict__ exists
import gc
gc.collect()
class Obj:
    pass
a = Obj()
a.me = a
del a
print("plain instance:", gc.collect())
b = Obj()
b.me = b
b.__dict__
del b
print("with materialised __dict__:", gc.collect())
