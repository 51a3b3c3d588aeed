# lang: try/except/else/finally order, including return inside try
def f(x):
    log = []
    try:
        log.append("try")
        if x == 0:
            raise ValueError("zero")
        if x == 1:
            return log + ["return in try"]
    except ValueError:
        log.append("except")
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
print(f(0))
print(f(1))
print(f(2))
def g():
    try:
        return "from try"
    finally:
        print("finally runs before the return value is used")
print(g())
