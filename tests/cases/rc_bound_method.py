# rc: a bound method object holds its instance (__self__)
import sys
class C:
    def hello(self):
        return "hi"
c = C()
print("instance:", sys.getrefcount(c))
m = c.hello
print("after m = c.hello:", sys.getrefcount(c))
m2 = c.hello
print("second bound method:", sys.getrefcount(c), m is m2)
print("call:", m())
del m, m2
print("after del:", sys.getrefcount(c))
print("c.hello() leaves nothing behind:", c.hello(), sys.getrefcount(c))
