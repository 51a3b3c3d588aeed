# cyc: a set containing an instance whose attribute is the set
import gc
gc.collect()
class Member:
    pass
group = set()
m = Member()
m.group = group
group.add(m)
del group, m
print("collected:", gc.collect())
