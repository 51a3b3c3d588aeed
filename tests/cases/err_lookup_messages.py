# err: KeyError, IndexError and StopIteration
cases = [
    lambda: {"a": 1}["b"],
    lambda: {}[(1, 2)],
    lambda: [1, 2, 3][3],
    lambda: (1,)[-2],
    lambda: "abc"[10],
    lambda: [].pop(),
    lambda: {}.popitem(),
    lambda: next(iter([])),
    lambda: [1, 2].index(5),
    lambda: set().pop(),
]
for case in cases:
    try:
        case()
    except Exception as e:
        print(type(e).__name__ + ":", repr(e), "|", e)
