# fin: a default argument value lives as long as the function
class Noisy:
    def __del__(self):
        print("__del__ default")
def f(x=Noisy()):
    return x
print("function defined")
f()
print("called")
del f
print("end")
