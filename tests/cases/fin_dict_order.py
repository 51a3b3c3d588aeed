# fin: a dict frees its values in insertion order
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
d = {}
d["z"] = Noisy("z")
d["a"] = Noisy("a")
d["m"] = Noisy("m")
print("del d")
del d
e = {"x": Noisy("x"), "y": Noisy("y")}
print("e.clear()")
e.clear()
print("end")
