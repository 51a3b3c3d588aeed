# lang: chained comparisons, identity and membership, boolean operators return operands
x = 5
print(1 < x < 10, 1 < x > 7, x == 5 == 5.0, 1 < 2 < 3 < 2)
print(0 or "default", "" or None, [] or [0], 3 and 4, 0 and 1/0)
print(not 0, not [1], x if x > 3 else -x, "yes" if [] else "no")
a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c, 2 in a, 3 not in a)
print(None is None, type(None).__name__)
