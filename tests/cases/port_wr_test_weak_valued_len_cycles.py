# port: test_weakref.py MappingTestCase.test_weak_valued_len_cycles (and test_weak_keyed_len_cycles)
import gc
import weakref
class RefCycle:
    def __init__(self):
        self.cycle = self
def check_len_cycles(dict_type, cons):
    N = 20
    items = [RefCycle() for i in range(N)]
    dct = dict_type(cons(o) for o in items)
    # Keep an iterator alive
    it = dct.items()
    try:
        next(it)
    except StopIteration:
        pass
    del items
    gc.collect()
    n1 = len(dct)
    del it
    gc.collect()
    n2 = len(dct)
    print(dict_type.__name__, "n1 in (0, 1):", n1 in (0, 1), "n2 == 0:", n2)
gc.collect()
check_len_cycles(weakref.WeakKeyDictionary, lambda k: (k, 1))
check_len_cycles(weakref.WeakValueDictionary, lambda k: (1, k))
