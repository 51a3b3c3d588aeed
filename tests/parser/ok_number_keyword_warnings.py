x = 1if y else 2
y = 0x1for x in y
z = 1or 2
w = 1not in x
