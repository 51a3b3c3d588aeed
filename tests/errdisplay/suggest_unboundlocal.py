value = 1


def f():
    valu = valu + 1


f()
