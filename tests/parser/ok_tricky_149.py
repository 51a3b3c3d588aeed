return x, *y
