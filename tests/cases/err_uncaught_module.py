# err: an uncaught exception at module level: output so far, then the traceback on stderr, status 1
print("before the error")
value = -1
if value < 0:
    raise ValueError("negative value: " + str(value))
print("never printed")
