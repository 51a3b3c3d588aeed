# fin: del a, b, c deletes the names left to right
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
a = Noisy("a")
b = Noisy("b")
c = Noisy("c")
del c, a, b
print("end")
