# cache: equal int constants in one script are one object, even above 256
a = 1000
b = 1000
print("a is b:", a is b)
def f():
    return 1000
print("function constant is the module constant:", f() is a)
c = 10**6
d = 1000000
print("10**6 (folded) is 1000000:", c is d)
