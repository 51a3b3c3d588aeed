# lang: how deep recursion through a built-in goes before RecursionError.
# Once a function is quickened (entered 8 times), CPython 3.11 calls a
# built-in of the vector calling convention without counting a level of
# recursion (getattr, hasattr, iter, print, len, dict.get); METH_O and
# METH_VARARGS built-ins (repr, str.join, min) and calls with keywords a
# site cannot specialise (list.sort(key=...)) count one.  The number of
# levels reached shows which.
import sys


def measure(start):
    n = 0

    def count():
        nonlocal n
        n += 1
    try:
        start(count)
    except RecursionError:
        pass
    return n


class GetAttr:
    def __init__(s, c): s.c = c
    def __getattr__(s, k):
        s.c()
        return getattr(s, k)


class HasAttr:
    def __init__(s, c): s.c = c
    def __getattr__(s, k):
        s.c()
        return hasattr(s, k)


class Len:
    def __init__(s, c): s.c = c
    def __len__(s):
        s.c()
        return len(s)


class Repr:
    def __init__(s, c): s.c = c
    def __repr__(s):
        s.c()
        return repr(s)


class Iter:
    def __init__(s, c): s.c = c
    def __iter__(s):
        s.c()
        return iter(s)


class Str:
    def __init__(s, c): s.c = c
    def __str__(s):
        s.c()
        print(s, end="")
        return ""


class Hash:
    def __init__(s, c): s.c = c
    def __hash__(s):
        s.c()
        return {}.get(s) or 1


class HashBound:
    def __init__(s, c): s.c = c
    def __hash__(s):
        s.c()
        get = {}.get
        return get(s) or 1


class SubDict(dict):
    pass


class HashSub:
    def __init__(s, c): s.c = c
    def __hash__(s):
        s.c()
        return SubDict().get(s) or 1


class Sorted:
    def __init__(s, c): s.c = c
    def key(s, x):
        s.c()
        return sorted([1], key=s.key)


class Min:
    def __init__(s, c): s.c = c
    def key(s, x):
        s.c()
        return min([1], key=s.key)


class Sort:
    def __init__(s, c): s.c = c
    def key(s, x):
        s.c()
        [1].sort(key=s.key)
        return 1


class Join:
    def __init__(s, c): s.c = c
    def __iter__(s):
        s.c()
        return iter(["".join(s)])


cases = [
    ("getattr", lambda c: GetAttr(c).x),
    ("hasattr", lambda c: HasAttr(c).x),
    ("len", lambda c: len(Len(c))),
    ("repr", lambda c: repr(Repr(c))),
    ("iter", lambda c: iter(Iter(c))),
    ("print", lambda c: str(Str(c))),
    ("dict.get", lambda c: {Hash(c)}),
    ("bound dict.get", lambda c: {HashBound(c)}),
    ("dict.get on a subclass", lambda c: {HashSub(c)}),
    ("sorted(key=)", lambda c: Sorted(c).key(0)),
    ("min(key=)", lambda c: Min(c).key(0)),
    ("list.sort(key=)", lambda c: Sort(c).key(0)),
    ("str.join", lambda c: iter(Join(c))),
]
print("limit", sys.getrecursionlimit())
for name, start in cases:
    print(name, measure(start))
