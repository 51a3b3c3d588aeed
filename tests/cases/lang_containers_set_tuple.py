# lang: set algebra and tuple basics (sets printed sorted)
a = {1, 2, 3, 4}
b = {3, 4, 5}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a <= {1, 2, 3, 4, 5}, {1} < a, 2 in a, len(a))
a.add(10)
a.discard(99)
a.remove(1)
print(sorted(a))
t = (1, "two", 3.0)
print(t, len(t), t.index("two"), t.count(1), t + (4,), t * 2)
print((1,), (), tuple("ab"), (1, 2) < (1, 3), (2,) > (1, 99))
