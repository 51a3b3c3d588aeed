raise SyntaxError("end before start", ("f.py", 1, 6, "abcdefghij\n", 1, 3))
