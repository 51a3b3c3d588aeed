result = (first +
          second *
          third)
call(
    a,
    b=2,
)
x = [
    1, 2,
    3
]
def f(
    a,
    b,
): pass
if (a and
        b):
    pass
value = obj.method(arg)[0].attr
