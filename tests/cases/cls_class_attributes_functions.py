# cls: a function stored on the class becomes a method; stored on the instance it does not
def shout(self):
    return "shout from " + type(self).__name__
class A:
    pass
A.shout = shout
a = A()
print(a.shout())
a.plain = lambda: "plain function, no self"
print(a.plain())
print(callable(a.shout), callable(a.plain), callable(a))
