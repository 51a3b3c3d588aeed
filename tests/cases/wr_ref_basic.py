# wr: a weak reference returns the object while it lives and None afterwards
import weakref
class Thing:
    pass
t = Thing()
r = weakref.ref(t)
print("alive:", r() is t)
del t
print("after del:", r())
print("callable again:", r() is None)
