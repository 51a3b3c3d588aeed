def f(a, b, c):
    raise TypeError("bad call")


result = f(
    1,
    2,
    3,
)
