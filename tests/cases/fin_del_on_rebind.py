# fin: rebinding a name releases the old object
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
x = Noisy("first")
print("rebinding x")
x = Noisy("second")
print("x = None")
x = None
print("end")
