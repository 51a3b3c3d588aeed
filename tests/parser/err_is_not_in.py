x = a is not in b
