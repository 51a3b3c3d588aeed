# fin: objects in a global list still alive at the end are finalized at exit, last item first
class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("__del__ at exit:", self.name)
group = [Noisy("item 0"), Noisy("item 1"), Noisy("item 2")]
print("end of script")
