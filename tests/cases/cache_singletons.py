# cache: None, True and False are singletons; bool() returns them
x = 5
print("bool(x) is True:", bool(x) is True)
print("(x > 9) is False:", (x > 9) is False)
print("not x is False:", (not x) is False)
def f():
    pass
print("f() is None:", f() is None)
print("type(None)() is None:", type(None)() is None)
