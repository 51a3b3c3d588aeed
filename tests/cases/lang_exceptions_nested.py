# lang: nested handlers, re-raise and exception matching by base class
def risky(n):
    if n == 1:
        raise KeyError("k")
    if n == 2:
        raise IndexError("i")
    return "ok"
for n in range(3):
    try:
        try:
            print(risky(n))
        except KeyError:
            print("inner caught KeyError, re-raising")
            raise
    except LookupError as e:
        print("outer caught", type(e).__name__)
try:
    raise ValueError("a", 2)
except (TypeError, ValueError) as e:
    print("tuple match:", e.args)
