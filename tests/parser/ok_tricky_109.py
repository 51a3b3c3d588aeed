x = 1.5or 2
