# fin: a tuple frees its items from the last to the first too
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
t = (Noisy("0"), Noisy("1"), Noisy("2"))
print("del t")
del t
print("end")
