values = (1,
