# err: unpacking errors and calling with wrong keyword arguments
cases = [
    lambda: [a for a, b in [(1, 2, 3)]],
    lambda: [a for a, b, c in [(1, 2)]],
    lambda: [a for a, b in [5]],
]
for case in cases:
    try:
        case()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
def h(x, key=None):
    return x
try:
    h(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    h(1, colour=3)
except TypeError as e:
    print("TypeError:", e)
