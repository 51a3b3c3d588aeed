# cls: closures capture variables, not values: all lambdas see the final i
funcs = []
for i in range(3):
    funcs.append(lambda: i)
print([f() for f in funcs])
bound = []
for i in range(3):
    bound.append(lambda i=i: i)
print([f() for f in bound])
def make(i):
    return lambda: i * 10
print([make(i)() for i in range(3)])
