raise SyntaxError("multi", ("f.py", 2, 7, "first\nsecond line\nthird\n", 2, 9))
