# fin: a local object dies when its function returns; a returned one survives
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__", self.name)
def work():
    tmp = Noisy("local")
    keep = Noisy("returned")
    print("leaving work")
    return keep
r = work()
print("back in caller with", r.name)
del r
print("end")
