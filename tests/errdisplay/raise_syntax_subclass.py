class MySyntaxError(SyntaxError):
    pass


raise MySyntaxError("subclass: end_offset ignored", ("g.py", 1, 3, "abcdefgh\n", 1, 7))
