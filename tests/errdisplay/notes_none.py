e = ValueError("x")
e.__notes__ = None
raise e
