def total(a, b, c):
    return a + b + c


def ratio(x, y):
    return x  //  y


def main():
    ratio(1, 2)
    total(1, 2, "three")


main()
