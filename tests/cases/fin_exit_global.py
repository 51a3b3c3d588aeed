# fin: a module global still alive at the end is finalized at interpreter exit
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__ at exit:", self.name)
keep = Noisy("keep")
print("end of script")
