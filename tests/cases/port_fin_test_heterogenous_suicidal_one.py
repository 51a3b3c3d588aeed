# port: test_finalization.py CycleChainFinalizationTest.test_heterogenous_suicidal_one
# (SimpleChained is Chained here; the test classes are flattened into single inheritance)
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
class Chained(Simple):
    suicides = False
    def chain(self, left):
        self.suicided = False
        self.left = left
        left.right = self
    def side_effect(self):
        super().side_effect()
        if self.suicides:
            self.suicided = True
            self.left = None
            self.right = None
class ChainedResurrector(Chained):
    resurrects = True
class SuicidalChained(Chained):
    suicides = True
def build_chain(classes):
    nodes = [cls() for cls in classes]
    for i in range(len(nodes)):
        nodes[i].chain(nodes[i-1])
    return nodes
def check_chain(classes):
    gc.disable()
    nodes = build_chain(classes)
    ids = [id(s) for s in nodes]
    survivor_ids = [id(s) for s in nodes if s.resurrects]
    wrs = [weakref.ref(s) for s in nodes]
    del nodes
    print("collected:", gc.collect())
    print("del calls == ids:", sorted(del_calls) == sorted(ids), len(del_calls))
    print("survivors:", sorted(id(x) for x in survivors) == sorted(survivor_ids), len(survivors))
    print("weakrefs:", [wr() for wr in wrs])
    survivors.clear()
    print("collected:", gc.collect())
    print("del calls == ids:", sorted(del_calls) == sorted(ids), "survivors:", len(survivors))
    gc.enable()
gc.collect()
check_chain([SuicidalChained, Chained] * 2)
