# gen: frozen objects are not listed by gc.get_objects(); unfreeze puts them in the oldest generation
import gc
gc.collect()
x = [1, 2, 3]
gc.freeze()
print("listed while frozen:", any(o is x for o in gc.get_objects()))
y = []
print("a new object is listed:", any(o is y for o in gc.get_objects(0)))
gc.unfreeze()
print("after unfreeze, in generation 2:", any(o is x for o in gc.get_objects(2)))
