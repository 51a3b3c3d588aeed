# cls: a subclass without __slots__ gets a __dict__ again
class Base:
    __slots__ = ("a",)
class WithDict(Base):
    pass
class MoreSlots(Base):
    __slots__ = ("b",)
w = WithDict()
w.a = 1
w.other = 2
print("WithDict:", w.a, w.__dict__)
m = MoreSlots()
m.a = 1
m.b = 2
print("MoreSlots:", m.a, m.b, hasattr(m, "__dict__"))
