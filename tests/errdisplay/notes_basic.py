e = ValueError("with notes")
e.add_note("first note")
e.add_note("multi\nline note")
e.add_note("trailing newline\n")
e.__notes__.append(42)
raise e
