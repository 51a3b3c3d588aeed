# err: messages of common NameError and TypeError cases
def f(a):
    return a
nothing = None
cases = [
    lambda: undefined_name,
    lambda: 1 + "a",
    lambda: "a" * "b",
    lambda: f(1, 2),
    lambda: f(),
    lambda: f(b=1),
    lambda: nothing(),
    lambda: len(5),
    lambda: [1, 2] < "ab",
    lambda: {[]: 1},
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(type(e).__name__ + ":", e)
