# oracle: wasm32
# size: functions, closures, cells, bound methods and lambdas
import sys
def f():
    pass
def outer():
    x = 1
    def inner():
        return x
    return inner
g = outer()
class C:
    def m(self):
        pass
c = C()
print("function:", sys.getsizeof(f))
print("closure:", sys.getsizeof(g))
print("cell:", sys.getsizeof(g.__closure__[0]))
print("bound method:", sys.getsizeof(c.m))
print("lambda:", sys.getsizeof(lambda: 0))
