raise SyntaxError("just a message")
