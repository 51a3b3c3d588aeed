# cyc: gc.get_referents lists the objects a container refers to directly
import gc
a = [1, "two", [3]]
refs = gc.get_referents(a)
print("count:", len(refs))
print("types:", [type(r).__name__ for r in refs])
print("lists are traversed from the end:", refs[0] is a[2])
d = {"k": [], "n": 5}
print("dict referents:", len(gc.get_referents(d)), sorted(type(r).__name__ for r in gc.get_referents(d)))
t = ([], ())
print("tuple referents:", [type(r).__name__ for r in gc.get_referents(t)])
e = {1: [], 2: "v"}
print("dict with int keys (keys visited too):", len(gc.get_referents(e)))
