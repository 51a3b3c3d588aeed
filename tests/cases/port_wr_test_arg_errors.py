# port: test_weakref.py FinalizeTestCase.test_arg_errors
import weakref
class A:
    pass
def test_arg_errors():
    def fin(*args, **kwargs):
        res.append((args, kwargs))
    a = A()
    res = []
    f = weakref.finalize(a, fin, 1, 2, func=3, obj=4)
    print("peek:", f.peek() == (a, fin, (1, 2), {'func': 3, 'obj': 4}))
    f()
    print("res:", res)
    for attempt in range(4):
        try:
            if attempt == 0:
                weakref.finalize(a, func=fin, arg=1)
            elif attempt == 1:
                weakref.finalize(obj=a, func=fin, arg=1)
            elif attempt == 2:
                weakref.finalize(a)
            else:
                weakref.finalize()
        except TypeError:
            print("TypeError", attempt)
test_arg_errors()
