a, *b = c
*a, b = c
a, *b, c = d
[a, b] = c
(a, b), c = d
a[0], b.c = d
a = b = c, d = e
x: int
x: int = 1
x: list[int] = []
a.b: int
a[0]: int = 1
(x): int = 2
(a.b): int
x += 1
x.y -= 1
x[0] *= 2
x @= y
x /= y; x //= y; x %= y; x **= y
x &= y; x |= y; x ^= y; x <<= y; x >>= y
(a) = 1
((a), b) = 1, 2
[*a] = b
a, = b
x = *a, *b
