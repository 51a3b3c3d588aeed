if (n := len(a)) > 10:
    pass
while chunk := f.read():
    pass
print(x := 1, y := 2)
z = [y := 1, y ** 2]
f(a := 1)
foo[x := 1]
a = (b := 2)
