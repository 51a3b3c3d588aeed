# err: ZeroDivisionError, OverflowError and ValueError messages
cases = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: 1 % 0,
    lambda: 1.0 / 0,
    lambda: 10 ** -1 // 0,
    lambda: int("abc"),
    lambda: int("12.5"),
    lambda: float("x"),
    lambda: divmod(1, 0),
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(type(e).__name__ + ":", e)
