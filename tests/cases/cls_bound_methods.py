# cls: bound methods remember their instance; calling through the class needs it explicitly
class Greeter:
    def __init__(self, name):
        self.name = name
    def greet(self, greeting):
        return greeting + ", " + self.name
g = Greeter("ann")
m = g.greet
print(m("hi"))
print(Greeter.greet(g, "hello"))
print(g.greet == g.greet, g.greet is g.greet)
h = Greeter("bob")
print(list(map(h.greet, ["hey", "yo"])))
