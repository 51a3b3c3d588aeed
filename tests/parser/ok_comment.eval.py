# c
x  # trailing
