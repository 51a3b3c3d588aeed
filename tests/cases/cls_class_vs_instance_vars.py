# cls: class variables are shared until an instance assigns its own
class Dog:
    kind = "canine"
    tricks = []
    def __init__(self, name):
        self.name = name
a = Dog("rex")
b = Dog("fido")
a.tricks.append("roll")
print("shared list:", b.tricks, a.tricks is b.tricks)
a.kind = "wolf"
print("a.kind:", a.kind, "b.kind:", b.kind, "Dog.kind:", Dog.kind)
print("a.__dict__:", a.__dict__)
print("b.__dict__:", b.__dict__)
Dog.kind = "dog"
print("after Dog.kind = 'dog':", a.kind, b.kind)
del a.kind
print("after del a.kind:", a.kind)
