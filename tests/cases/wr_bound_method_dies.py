# wr: a weak reference to a bound method dies at once (the method object is temporary)
import weakref
class C:
    def run(self):
        return 1
c = C()
r = weakref.ref(c.run)
print("weakref to c.run is dead at once:", r() is None)
m = c.run
r2 = weakref.ref(m)
print("alive while m holds the method:", r2() is m)
del m
print("after del m:", r2() is None)
