def f():
    global a, b
    x = 1
    def g():
        nonlocal x
        x += 1
