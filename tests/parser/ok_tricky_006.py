if x:
    a
    b
