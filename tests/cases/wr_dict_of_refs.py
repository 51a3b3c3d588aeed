# wr: a callback can clean up a registry keyed by id
import weakref
class Thing:
    def __init__(self, name):
        self.name = name
registry = {}
def forget(key):
    def cb(ref):
        del registry[key]
        print("forgot", key)
    return cb
things = [Thing("a"), Thing("b"), Thing("c")]
for t in things:
    registry[t.name] = weakref.ref(t, forget(t.name))
del t
print("registry:", sorted(registry))
things.pop(1)
print("registry:", sorted(registry))
things.clear()
print("registry:", sorted(registry))
