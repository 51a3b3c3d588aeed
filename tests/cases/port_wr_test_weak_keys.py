# port: test_weakref.py MappingTestCase.test_weak_keys
import weakref
class Object:
    def __init__(self, arg):
        self.arg = arg
    def __eq__(self, other):
        if isinstance(other, Object):
            return self.arg == other.arg
        return NotImplemented
    def __hash__(self):
        return self.arg
COUNT = 10
def make_weak_keyed_dict():
    dict = weakref.WeakKeyDictionary()
    objects = list(map(Object, range(COUNT)))
    for o in objects:
        dict[o] = o.arg
    return dict, objects
def test_weak_keys():
    dict, objects = make_weak_keyed_dict()
    ok = True
    for o in objects:
        ok = ok and weakref.getweakrefcount(o) == 1 and o.arg is dict[o]
    print("one weakref each, right values:", ok)
    items1 = dict.items()
    items2 = dict.copy().items()
    print("copy equal:", set(items1) == set(items2))
    del items1, items2
    print("len:", len(dict))
    del objects[0]
    print("after deleting one key:", len(dict))
    del objects, o
    print("after deleting all:", len(dict))
    o = Object(42)
    dict[o] = "What is the meaning of the universe?"
    print("o in dict:", o in dict, "34 in dict:", 34 in dict)
test_weak_keys()
