def f(d):
    return d.missing


f(1)
