# port: test_gc.py GCTests.test_resurrection_is_transitive
import gc
def test_resurrection_is_transitive():
    class Cargo:
        def __init__(self):
            self.me = self
    class Lazarus:
        resurrected_instances = []
        def __del__(self):
            Lazarus.resurrected_instances.append(self)
    gc.collect()
    gc.disable()
    laz = Lazarus()
    cargo = Cargo()
    cargo_id = id(cargo)
    laz.cargo = cargo
    cargo.laz = laz
    del laz, cargo
    gc.collect()
    print("resurrected:", len(Lazarus.resurrected_instances))
    instance = Lazarus.resurrected_instances.pop()
    print("cargo kept:", hasattr(instance, "cargo"), id(instance.cargo) == cargo_id)
    gc.collect()
    gc.enable()
test_resurrection_is_transitive()
