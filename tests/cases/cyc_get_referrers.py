# cyc: gc.get_referrers finds the tracked containers that refer to an object
import gc
class Thing:
    pass
t = Thing()
box = [t]
pair = (t, 1)
holder = {"t": t}
refs = gc.get_referrers(t)
names = sorted(type(r).__name__ for r in refs)
print("referrers:", names)
print("module namespace among them:", any(r is globals() for r in refs))
print("box among them:", any(r is box for r in refs))
del refs
