inner = KeyError("never raised")
outer = ValueError("raised")
outer.__cause__ = inner
raise outer
