x = 1is y
