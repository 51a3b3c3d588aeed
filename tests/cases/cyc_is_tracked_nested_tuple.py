# cyc: a tuple holding an untracked tuple is itself untracked by a collection
import gc
gc.collect()
inner = tuple([1, 2])
outer = tuple([inner, 3])
print("before:", gc.is_tracked(inner), gc.is_tracked(outer))
gc.collect()
print("after:", gc.is_tracked(inner), gc.is_tracked(outer))
mixed = (inner, {})
gc.collect()
print("tuple with an empty dict:", gc.is_tracked(mixed))
