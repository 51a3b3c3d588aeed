x = [*a, *b] = c
