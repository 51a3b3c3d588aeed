@decorator
def f(): pass

@a.b.c
@d(e, f=g)
@h[0]
@(i)
@j if k else l
@m := n
def g(x):
    return x
