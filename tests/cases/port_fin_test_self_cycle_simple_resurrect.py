# port: test_finalization.py SelfCycleFinalizationTest.test_simple_resurrect
# (the multiple-inheritance test classes are flattened into single inheritance)
import gc
import weakref
del_calls = []
survivors = []
class Simple:
    resurrects = False
    def __init__(self):
        self.id_ = id(self)
    def __del__(self):
        del_calls.append(id(self))
        assert self.id_ == id(self)
        self.side_effect()
    def side_effect(self):
        if self.resurrects:
            survivors.append(self)
class SelfCycle(Simple):
    def __init__(self):
        super().__init__()
        self.ref = self
class SelfCycleResurrector(SelfCycle):
    resurrects = True
def test():
    gc.disable()
    s = SelfCycleResurrector()
    ids = [id(s)]
    wr = weakref.ref(s)
    del s
    print("collected:", gc.collect())
    print("del calls == ids:", del_calls == ids)
    print("survivors:", len(survivors), [id(x) for x in survivors] == (ids if True else []))
    print("wr() is None:", wr() is None)
    survivors.clear()
    print("collected:", gc.collect())
    print("del calls == ids:", del_calls == ids, "survivors:", len(survivors), "wr() is None:", wr() is None)
    gc.enable()
gc.collect()
test()
