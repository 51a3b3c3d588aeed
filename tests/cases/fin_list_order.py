# fin: a list frees its items from the last to the first
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
items = [Noisy("0"), Noisy("1"), Noisy("2")]
print("del items")
del items
more = [Noisy("a"), Noisy("b"), Noisy("c")]
print("clear()")
more.clear()
print("end")
