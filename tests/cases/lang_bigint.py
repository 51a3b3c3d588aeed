# lang: arbitrary-precision ints
a = 2 ** 100
print(a)
print(a * a)
print(a // 3, a % 7)
print(-a // 7, -a % 7)
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
print(len(str(f)), hex(f))
print(a - a == 0, (a + 1) > a, int("123456789012345678901234567890") + 1)
print(divmod(10 ** 25 + 3, 10 ** 12))
