try:
    try:
        int("x")
    except ValueError as e:
        raise TypeError("second") from e
except TypeError:
    raise RuntimeError("third")
