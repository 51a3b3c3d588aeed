def inner():
    raise ValueError("carets because of the comment")  # a comment


inner()
