def f(,): pass
