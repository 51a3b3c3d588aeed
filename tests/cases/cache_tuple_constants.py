# cache: equal constant tuples are merged; tuples built at run time are not
a = (1, 2, 3)
b = (1, 2, 3)
print("constant tuples:", a is b)
n = 3
c = (1, 2, n)
print("built at run time:", c == a, c is a)
def f():
    return (1, 2, 3)
print("function constant tuple is the module one:", f() is a)
