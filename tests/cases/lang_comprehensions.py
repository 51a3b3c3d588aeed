# lang: list, dict and set comprehensions, nested and filtered
nums = range(10)
print([n * n for n in nums if n % 2 == 0])
print({n: n * n for n in nums if n > 6})
print(sorted({n % 3 for n in nums}))
print([(i, j) for i in range(3) for j in range(i)])
print([[r * c for c in range(3)] for r in range(3)])
words = ["apple", "bob", "kiwi"]
print({w: len(w) for w in words})
print([w.upper() if len(w) > 3 else w for w in words])
x = "outer"
print([x for x in "ab"], x)
