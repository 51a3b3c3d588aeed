raise SyntaxError("non-ASCII text", ("u.py", 1, 4, "\tпривет мир\n", 1, 8))
