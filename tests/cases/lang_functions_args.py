# lang: defaults, keyword arguments, *args and **kwargs
def f(a, b=2, *args, **kwargs):
    return a, b, args, sorted(kwargs.items())
print(f(1))
print(f(1, 3))
print(f(1, 3, 4, 5))
print(f(1, c=6, b=9))
def forward(*args, **kwargs):
    return f(*args, **kwargs)
print(forward(7, 8, 9, z=0))
def defaults_evaluated_once(x, acc=[]):
    acc.append(x)
    return acc
print(defaults_evaluated_once(1), defaults_evaluated_once(2))
print((lambda *a, **k: (a, k))(1, two=2))
