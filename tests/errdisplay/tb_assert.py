def check(x):
    assert x > 1, "x too small"


check(0)
