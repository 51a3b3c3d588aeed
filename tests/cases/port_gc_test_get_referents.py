# port: test_gc.py GCTests.test_get_referents (4j replaced by a float)
import gc
def test_get_referents():
    alist = [1, 3, 5]
    got = gc.get_referents(alist)
    got.sort()
    print("list:", got, got == alist)
    atuple = tuple(alist)
    got = gc.get_referents(atuple)
    got.sort()
    print("tuple:", got, got == alist)
    adict = {1: 3, 5: 7}
    expected = [1, 3, 5, 7]
    got = gc.get_referents(adict)
    got.sort()
    print("dict:", got, got == expected)
    got = gc.get_referents([1, 2], {3: 4}, (0, 0, 0))
    got.sort()
    print("several:", got, got == [0, 0] + list(range(5)))
    print("atoms:", gc.get_referents(1, 'a', 4.5))
test_get_referents()
