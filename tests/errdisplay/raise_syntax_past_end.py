raise SyntaxError("past the end", ("f.py", 1, 40, "abc\n", 1, 60))
