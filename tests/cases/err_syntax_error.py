# err: a syntax error: nothing runs, the parser reports it
print("not printed")
def broken(:
    pass
