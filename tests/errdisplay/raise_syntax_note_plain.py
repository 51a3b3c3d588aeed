e = SyntaxError("no location")
e.add_note("this note is printed")
raise e
