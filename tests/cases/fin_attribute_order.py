# fin: an instance frees its attribute values in the order they were first assigned
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
class Holder:
    def __del__(self):
        print("__del__ Holder")
h = Holder()
h.second = Noisy("assigned first")
h.first = Noisy("assigned second")
print("del h")
del h
print("end")
