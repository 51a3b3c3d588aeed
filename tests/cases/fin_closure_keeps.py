# fin: an object captured by a closure lives as long as the function
class Noisy:
    def __del__(self):
        print("__del__ captured")
def make():
    obj = Noisy()
    def use():
        return obj
    return use
f = make()
print("closure alive")
del f
print("end")
