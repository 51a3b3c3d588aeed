x = 1not
