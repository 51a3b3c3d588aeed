e = ValueError("x")
e.__notes__ = 42
raise e
