# wr: the callback runs when the referent dies and receives the weak reference object
import weakref
class Thing:
    pass
def gone(ref):
    print("callback: ref is r:", ref is r, "ref():", ref())
t = Thing()
r = weakref.ref(t, gone)
print("before del")
del t
print("after del")
