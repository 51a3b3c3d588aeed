# cls: instance attributes live in __dict__; setattr/getattr/hasattr use it
class Obj:
    pass
o = Obj()
o.a = 1
setattr(o, "b", 2)
print(o.__dict__)
o.__dict__["c"] = 3
print("o.c:", o.c, getattr(o, "d", "default"), hasattr(o, "c"))
print("__class__:", o.__class__.__name__, o.__class__ is Obj)
del o.a
print(o.__dict__)
