# lang: integer arithmetic, floor division and modulo signs, powers, divmod
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2)]:
    print(a, b, "//", a // b, "%", a % b, "divmod", divmod(a, b))
print(2 ** 10, 2 ** -1, (-2) ** 3, -2 ** 2)
print(abs(-5), round(7 / 2), round(5 / 2), round(2.675, 2))
print(7 / 2, 8 / 2, type(8 / 2).__name__)
print(1 + True, True + True, 3 * False)
