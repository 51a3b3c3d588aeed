# wr: WeakSet forgets members that die
import weakref
class Item:
    def __init__(self, n):
        self.n = n
items = [Item(i) for i in range(4)]
ws = weakref.WeakSet(items)
print("len:", len(ws))
print("members:", sorted(i.n for i in ws))
items.pop()
items.pop(0)
print("after dropping two:", len(ws), sorted(i.n for i in ws))
print("membership:", items[0] in ws)
items.clear()
print("all gone:", len(ws))
