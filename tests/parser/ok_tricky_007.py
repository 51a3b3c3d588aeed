if x:
    a
b
