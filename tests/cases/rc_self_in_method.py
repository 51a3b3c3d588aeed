# rc: inside a method, self is one more reference; super() calls add none afterwards
import sys
class Base:
    def count(self):
        return sys.getrefcount(self)
class Child(Base):
    def count(self):
        inner = super().count()
        return inner, sys.getrefcount(self)
b = Base()
print("Base().count():", b.count())
c = Child()
print("Child().count() (from Base, from Child):", c.count())
print("outside:", sys.getrefcount(c))
