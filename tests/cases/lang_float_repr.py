# lang: float repr is the shortest string that round-trips
print(0.1, 0.2, 0.1 + 0.2, 1 / 3)
print(1e16, 1e15, 123456789.0 * 10, 1.5e-7, 0.0001)
print(-0.0, float("inf"), -float("inf"), 2.0 ** 0.5)
print(repr(1.0), str(1.0), 3.0 * 1.1, 100.0 / 3)
print(round(3.14159, 2), round(-1.5), round(0.5), round(1.5), int(-2.7), float(7))
print(1e300 * 1e10, 5e-324, 5e-324 / 2)
