# assignments, expressions, calls
x = 1
y = x + 2 * 3 - 4 / 5 // 6 % 7 ** 8
z = -x + +y - ~x
a, b = b, a
a = b = c = 300
print("hello", x, sep=", ")
x += 1; y -= 2; z *= 3
w = (1, 2, 3)
v = [1, 2, [3, 4]]
u = {'a': 1, **d}
s = {1, 2, 3}
t = ()
e = x if y else z
f = not a and b or c
g = a < b <= c != d == e > f >= g is h is not i in j not in k
h = a | b ^ c & d << 1 >> 2
i = a @ b
j = lambda x, y=2, *a, z, **k: x + y
k = x[1:2, ::3, 4]
l = x.y.z(1)(2)[3]
m = ...
n = None, True, False
