x = 1.j
