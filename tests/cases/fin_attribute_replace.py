# fin: replacing or deleting an attribute releases the old value
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
class Box:
    pass
b = Box()
b.item = Noisy("one")
print("replace")
b.item = Noisy("two")
print("delete attribute")
del b.item
print("end")
