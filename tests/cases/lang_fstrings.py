# lang: f-strings with expressions, conversions and nested format specs
name = "Ada"
items = [1, 2, 3]
width = 6
print(f"{name}")
print(f"{name!r} {name!s} {len(items)} {items[0] + items[-1]}")
print(f"[{name:>{width}}] [{name:<{width}}] [{name:^{width}}]")
print(f"{'nested'} {3 * 'ab'} {{braces}}")
d = {"k": 5}
print(f"{d['k'] * 2} {sum(items) / len(items):.2f}")
print(f"{name.upper()}-{name.lower()}", f"{1 + 1}")
