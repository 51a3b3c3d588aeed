# fin: __del__ runs as soon as the last reference goes away
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
a = Noisy("a")
b = a
print("del a")
del a
print("del b")
del b
print("end")
