# rc: each instance of a class created by a class statement holds a reference to its class
import sys
class Point:
    pass
base = sys.getrefcount(Point)
p1 = Point()
p2 = Point()
print("two instances add:", sys.getrefcount(Point) - base)
del p1
print("one instance left:", sys.getrefcount(Point) - base)
p2.__class__ is Point
print("checking __class__ adds nothing:", sys.getrefcount(Point) - base)
