def f(*args):
    return args[10]


f(1,
  2)
