def f(a, b):
    return (a) ** (b)


f("x", None)
