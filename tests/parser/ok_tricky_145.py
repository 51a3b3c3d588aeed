global a, b, c
