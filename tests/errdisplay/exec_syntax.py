exec("x = 1 +* 2")
