# lang: assorted builtins: any, all, enumerate, zip, map, filter, reversed, min, max, sum
nums = [3, -1, 4, -1, 5]
print(any(n < 0 for n in nums), all(n < 10 for n in nums), any([]), all([]))
print(list(enumerate("ab", start=1)), list(zip("abc", range(2))))
print(list(map(abs, nums)), list(filter(lambda n: n > 0, nums)), list(filter(None, [0, 1, "", "x"])))
print(list(reversed(nums)), min(nums), max(nums), sum(nums), sum([0.5, 0.25], 1))
print(min("bca"), max([1, 5], [2]), min(4, 2, 8), max("a", "B", key=str.lower))
print(hex(255), hex(-16), int("ff", 16), int("0b101", 0), str(12), repr("q"))
print(list(range(5, 0, -2)), len(range(0, 10, 3)), range(3)[-1], list(iter([1, 2])))
print(callable(len), callable(3), isinstance([], (list, tuple)), abs(-2.5))
