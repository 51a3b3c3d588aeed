# port: test_gc.py GCTests.test_resurrection_only_happens_once_per_object
import gc
def test_resurrection_only_happens_once_per_object():
    class A:  # simple self-loop
        def __init__(self):
            self.me = self
    class Lazarus(A):
        resurrected = 0
        resurrected_instances = []
        def __del__(self):
            Lazarus.resurrected += 1
            Lazarus.resurrected_instances.append(self)
    gc.collect()
    gc.disable()
    laz = Lazarus()
    print("start:", Lazarus.resurrected)
    del laz
    gc.collect()
    print("after first collect:", Lazarus.resurrected, len(Lazarus.resurrected_instances))
    Lazarus.resurrected_instances.clear()
    print("after clear:", Lazarus.resurrected)
    gc.collect()
    print("after second collect:", Lazarus.resurrected)
    gc.enable()
test_resurrection_only_happens_once_per_object()
