raise SyntaxError("no text", ("file.py", 7, 2, None))
