def inner():
    raise ValueError("whole line: no carets")


def outer():
    inner()


outer()
