# port: test_weakref.py MappingTestCase.test_weak_values
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
class C:
    pass
COUNT = 10
def make_weak_valued_dict():
    dict = weakref.WeakValueDictionary()
    objects = list(map(Object, range(COUNT)))
    for o in objects:
        dict[o.arg] = o
    return dict, objects
def test_weak_values():
    dict, objects = make_weak_valued_dict()
    ok = True
    for o in objects:
        ok = ok and weakref.getweakrefcount(o) == 1 and o is dict[o.arg]
    print("one weakref each, right objects:", ok)
    items1 = sorted(dict.items())
    items2 = sorted(dict.copy().items())
    print("copy equal:", items1 == items2)
    del items1, items2
    print("len:", len(dict))
    del objects[0]
    print("after deleting one object:", len(dict))
    del objects, o
    print("after deleting all:", len(dict))
    dict = weakref.WeakValueDictionary()
    try:
        dict[1]
    except KeyError:
        print("KeyError for 1")
    dict[2] = C()
    try:
        dict[2]
    except KeyError:
        print("KeyError for 2 (value died at once)")
test_weak_values()
