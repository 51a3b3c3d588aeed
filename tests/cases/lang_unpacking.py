# lang: tuple unpacking, nested targets, swaps and loops
a, b = 1, 2
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
first, second, third = "abc"
print(first, third)
for i, (k, v) in enumerate({"p": 1, "q": 2}.items()):
    print(i, k, v)
pairs = list(zip([1, 2, 3], "xyz"))
print(pairs)
nums = [p[0] for p in pairs]
print(nums, dict(pairs))
def stats(xs):
    return min(xs), max(xs), sum(xs)
lo, hi, total = stats([4, 1, 9])
print(lo, hi, total)
