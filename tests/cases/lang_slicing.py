# lang: slicing lists, strings and tuples; slice assignment and deletion
s = list(range(10))
print(s[2:5], s[:3], s[7:], s[-3:], s[::2], s[::-1], s[8:2:-2], s[100:])
t = "abcdefgh"
print(t[1:4], t[::-1], t[-1], t[:-3])
s[2:5] = ["a"]
print(s)
s[:0] = [-1, -2]
print(s)
del s[::3]
print(s)
u = (1, 2, 3, 4)
print(u[1:3], u[::-1])
print(s[len(s):], "x"[5:])
