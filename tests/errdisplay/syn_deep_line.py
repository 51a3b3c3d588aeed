def f():
    if True:
        for i in range(3):
            x = (i,
                 i +)
