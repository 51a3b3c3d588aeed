e = ValueError("x")
e.__notes__ = "abc"
raise e
