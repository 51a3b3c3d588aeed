# cls: without __eq__, instances compare by identity; != is derived from __eq__
class Plain:
    pass
a = Plain()
b = Plain()
print("a == a:", a == a, "a == b:", a == b, "a != b:", a != b)
print("usable as dict keys:", len({a: 1, b: 2}))
class Named:
    def __init__(self, name):
        self.name = name
    def __eq__(self, other):
        return isinstance(other, Named) and self.name == other.name
    def __hash__(self):
        return len(self.name)
x = Named("x")
y = Named("x")
print("x == y:", x == y, "x != y:", x != y, "x == 'x':", x == "x")
print("in a list:", y in [x], "list.count:", [x, y, Named("z")].count(x))
