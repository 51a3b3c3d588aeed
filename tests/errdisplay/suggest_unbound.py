def f():
    print(valu)
    value = 1


f()
