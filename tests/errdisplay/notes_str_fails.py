class NoStr:
    def __str__(self):
        raise RuntimeError


e = TypeError("t")
e.add_note("ok")
e.__notes__.append(NoStr())
raise e
