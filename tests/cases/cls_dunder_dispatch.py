# cls: len(), str(), repr(), ==, iteration and indexing all dispatch to the class
class Pair:
    def __init__(self, a, b):
        self.a = a
        self.b = b
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.a, self.b)[i]
    def __eq__(self, other):
        return list(self) == list(other)
    def __hash__(self):
        return 0
    def __repr__(self):
        return "Pair(" + repr(self.a) + ", " + repr(self.b) + ")"
p = Pair(1, "x")
print(len(p), p[0], p[-1], list(p), p == Pair(1, "x"), p == [1, "x"])
print(p, str(p), sorted({p, Pair(1, "x")}, key=repr))
a, b = p
print(a, b)
