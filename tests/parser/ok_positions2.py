x = {
    'a': [1, 2, 3],
    'b': (
        4,
        5,
    ),
}
call(a)(b)(c)
obj.attr.method(
    arg1,
    *args,
    key=value,
    **kwargs
)
result = [
    item
    for item in items
    if item
]
s = ("abc"
     "def")
t = """a
b""" "c"
lam = lambda x: (
    x + 1
)
