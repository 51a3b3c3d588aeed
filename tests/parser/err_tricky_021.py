x = 1 if é else
