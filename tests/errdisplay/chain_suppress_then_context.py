e = ValueError("outer")
e.__context__ = KeyError("inner")
e.__suppress_context__ = False
try:
    raise e
except ValueError as x:
    x.__suppress_context__ = True
    raise
