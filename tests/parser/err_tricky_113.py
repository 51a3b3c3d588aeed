x = 1_0for
