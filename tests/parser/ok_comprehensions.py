a = [x for x in range(10)]
b = [x * y for x in xs if x for y in ys if y if y > 2]
c = {x for x in s}
d = {k: v for k, v in items.items()}
e = (x for x in y)
f = sum(x for x in y)
g = [[y for y in row] for row in matrix]
h = [y := f(x) for x in data]
i = [(x, y) for x in a for y in b]
j = {**a, 'b': 1, **c}
k = [*a, *b]
l = {*a, *b}
m = f(*args, *more, key=1, **kw, **more_kw)
n = f(a, b, *c, d=e)
o = [x for x in lambda: y, z]
p = [x for x in (lambda: y)]
q = any(x > 0 for x in nums)
