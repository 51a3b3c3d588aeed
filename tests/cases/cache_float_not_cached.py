# cache: floats are never cached; equal computed floats are different objects
x = 0.5
a = x * 2
b = x * 2
print("equal:", a == b, "same:", a is b)
c = 1.0
d = 1.0
print("equal float constants in one script are merged:", c is d)
print("float(1) is float(1):", float(1) is float(1))
