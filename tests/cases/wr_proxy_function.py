# wr: a proxy to a callable object can be called; getweakrefcount counts proxies
import weakref
class Adder:
    def __init__(self, n):
        self.n = n
class Callable:
    def hello(self):
        return "hello"
a = Adder(5)
p = weakref.proxy(a)
print("p.n + 1:", p.n + 1)
c = Callable()
pc = weakref.proxy(c)
print("method through proxy:", pc.hello())
print("weakref counts:", weakref.getweakrefcount(a), weakref.getweakrefcount(c))
