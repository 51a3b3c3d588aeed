# cache: large ints computed at run time are new objects each time
x = 500
a = x + x
b = x + x
print("equal:", a == b, "same object:", a is b)
c = 1000
print("computed 1000 is the constant 1000:", a is c)
s = "1000"
print("int(s) is int(s):", int(s) is int(s))
t = "7"
print("small: int(t) is int(t):", int(t) is int(t))
