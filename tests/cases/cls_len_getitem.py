# cls: __len__ and __getitem__ make a sequence: len(), indexing, iteration, in
class Squares:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i < 0 or i >= self.n:
            raise IndexError("out of range")
        return i * i
s = Squares(5)
print("len:", len(s), "s[3]:", s[3])
print("iterate:", list(s))
print("9 in s:", 9 in s, "10 in s:", 10 in s)
print("bool of empty:", bool(Squares(0)))
try:
    s[7]
except IndexError as e:
    print("IndexError:", e)
