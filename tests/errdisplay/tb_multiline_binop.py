def g():
    return (1 +
            "a")


g()
