try:
    e = KeyError("k")
    e.add_note("note on the cause")
    raise e
except KeyError as k:
    raise ValueError("v") from k
