def f(values):
    x = values[0] * 2 + values[1] / (values[2] - values[2])
    return x


f([1, 2, 3])
