# wr: live refs compare (and hash) like their referents; dead refs only equal themselves
import weakref
class Key:
    def __init__(self, n):
        self.n = n
    def __eq__(self, other):
        return self.n == other.n
    def __hash__(self):
        return self.n
k1 = Key(1)
k2 = Key(1)
r1 = weakref.ref(k1)
r2 = weakref.ref(k2)
print("equal referents:", r1 == r2)
table = {r1: "found"}
print("r2 finds r1's entry:", table[r2])
del k1, k2
print("dead refs:", r1 == r2, r1 == r1)
print("the hash was remembered, lookup by identity still works:", table[r1])
