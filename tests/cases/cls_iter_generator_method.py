# cls: __iter__ written as a generator returns a fresh iterator each time
class Bag:
    def __init__(self, *items):
        self.items = list(items)
    def __iter__(self):
        for it in self.items:
            yield it
b = Bag("x", "y")
print(list(b), list(b))
print([a + c for a in b for c in b])
it = iter(b)
print(type(it).__name__, next(it))
