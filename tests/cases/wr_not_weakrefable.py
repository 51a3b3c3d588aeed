# wr: ints, strs, lists, dicts and tuples cannot be weakly referenced; subclasses of list can
import weakref
for obj in (1, "s", [], {}, (1, 2), None):
    try:
        weakref.ref(obj)
    except TypeError as e:
        print(e)
class MyList(list):
    pass
m = MyList([1, 2])
r = weakref.ref(m)
print("list subclass:", r() is m, r())
