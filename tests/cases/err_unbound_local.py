# err: UnboundLocalError (a subclass of NameError) and deleted names
def f():
    print(x)
    x = 1
try:
    f()
except NameError as e:
    print(type(e).__name__ + ":", e)
y = 1
del y
try:
    y
except NameError as e:
    print(type(e).__name__ + ":", e)
def g():
    z = 1
    del z
    return z
try:
    g()
except NameError as e:
    print(type(e).__name__ + ":", e)
