# fin: an object that is never bound dies right after the expression
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
print("before")
Noisy("temp")
print("between")
n = len([Noisy("in a temporary list")])
print("after", n)
