# cyc: in a cycle, each member is a referrer of the other
import gc
a = []
b = [a]
a.append(b)
print("b refers to a:", any(r is b for r in gc.get_referrers(a)))
print("a refers to b:", any(r is a for r in gc.get_referrers(b)))
print("a refers to b (referents):", gc.get_referents(a)[0] is b)
