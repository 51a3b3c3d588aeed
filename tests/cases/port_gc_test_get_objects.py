# port: test_gc.py GCTests.test_get_objects
import gc
gc.disable()
def test_get_objects():
    gc.collect()
    l = []
    l.append(l)
    def where():
        return [any(l is element for element in gc.get_objects(generation=g)) for g in (0, 1, 2)]
    print("new:", where())
    gc.collect(generation=0)
    print("after collect(0):", where())
    gc.collect(generation=1)
    print("after collect(1):", where())
    gc.collect(generation=2)
    print("after collect(2):", where())
    del l
    gc.collect()
test_get_objects()
