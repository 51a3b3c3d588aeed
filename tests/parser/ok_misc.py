x = a if b else c if d else e
y = lambda: lambda: 1
z = not not x
w = a is not b
v = - - x
u = x ** -y
t = (-x) ** 2
s = -x ** 2
r = await_ = 1
q = print
p = [1,]
o = {1,}
n = {'a': 1,}
m = f(a,)
l = (1,)
k = a, b,
j = ()
i = (((x)))
h = x if y else (lambda: z)
g = [i for i in range(3) if i if not i]
async_ = match = case = _ = type = 1
match(x)
case.y = 2
print(match, case)
