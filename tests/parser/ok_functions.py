def f(): pass
def g(a, b=1, *args, c, d=2, **kw) -> int:
    return a
def h(a, b, /, c, *, d): ...
def i(a=1, /, b=2, *, c=3): pass
def j(a, b=2, /): pass
def k(*, a): pass
def l(*args: int, **kwargs: str): pass
def m(a: int = 1, b: "str" = "x", *c: float) -> None: pass
def n(**kw): pass
def o(a,): pass
def p(a, /,): pass
def q(*a: *Ts): pass
def outer():
    def inner(x):
        return lambda y: x + y
    return inner
def gen():
    yield
    yield 1
    yield 1, 2
    x = yield
    y = yield from range(3)
    return
lambda: 0
lambda *a, **k: 0
lambda a, /, b, *, c: 0
lambda a=1, /, b=2: 0
lambda *, a=1: a
