# fin: __slots__ classes can have __del__; slot values are released after it
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
class Slotted:
    __slots__ = ("a", "b")
    def __del__(self):
        print("Slotted.__del__ sees", self.a.name, self.b.name)
s = Slotted()
s.a = Noisy("slot a")
s.b = Noisy("slot b")
del s
print("end")
