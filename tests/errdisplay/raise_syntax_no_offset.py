raise IndentationError("no offset", (None, 2, None, "x = 1\n"))
