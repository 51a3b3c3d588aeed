# lang: format specs for floats and ints
x = 3.14159265
n = 1234567
print(f"{x:.2f} {x:8.3f}| {x:<8.1f}| {x:e} {x:.3g}")
print(f"{n:,} {n:_} {n:10d}| {n:<10d}| {n:x} {n:o} {n:b}")
print(f"{-n:+d} {n:+d} {42:05d} {0.5:%} {0.125:.1%}")
print("{:.4f}".format(x), "{:>12,}".format(n), "{:^9}".format("txt") + "|")
print("{} and {}".format(1, "two"), "{1}{0}".format("a", "b"), "{x}-{y}".format(x=1, y=2))
