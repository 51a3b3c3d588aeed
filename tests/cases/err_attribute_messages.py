# err: AttributeError messages for builtins, instances, classes and modules
import sys
class C:
    pass
cases = [
    lambda: (5).foo,
    lambda: "s".nope,
    lambda: C().missing,
    lambda: C.missing,
    lambda: sys.nothing_here,
    lambda: None.x,
]
for case in cases:
    try:
        case()
    except AttributeError as e:
        print("AttributeError:", e)
try:
    (1).real = 5
except AttributeError as e:
    print("AttributeError:", e)
