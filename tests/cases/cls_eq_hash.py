# cls: __eq__ and __hash__ decide dict and set behaviour
class Key:
    def __init__(self, a):
        self.a = a
    def __eq__(self, other):
        return isinstance(other, Key) and self.a == other.a
    def __hash__(self):
        return self.a % 10
k1 = Key(3)
k2 = Key(3)
k3 = Key(13)
print("k1 == k2:", k1 == k2, "k1 is k2:", k1 is k2)
d = {k1: "first"}
d[k2] = "second"
d[k3] = "third"
print("len:", len(d), "d[Key(3)]:", d[Key(3)], "d[k3]:", d[k3])
print("set size:", len({k1, k2, k3}))
print("k1 != k3:", k1 != k3)
