# cls: type(), isinstance() with tuples, and __name__ of builtins and classes
class Base:
    pass
class Derived(Base):
    pass
values = [1, 2.0, "s", [], (), {}, set(), None, True, Derived(), len]
print([type(v).__name__ for v in values])
print(isinstance(True, int), isinstance(3, (str, float)), isinstance(Derived(), (int, Base)))
print(type(Derived()) is Derived, type(Derived) is type)
print(Base.__name__, issubclass(Derived, Base), issubclass(bool, int))
