raise SyntaxError("lineno is not an int", ("x.py", "one", 2, "text\n"))
