def f(a, /, b, *, c, **d): pass
def g(*, a=1, b): pass
