class A: pass
class B(A): pass
class C(A, B, metaclass=M, **kw): pass
class D():
    """Docstring."""
    x = 1
    def method(self):
        return self.x
    @property
    def prop(self): return 1
    @staticmethod
    def s(): pass
    class Inner:
        pass
@dec
class E: pass
@dec1
@dec2.attr(arg)
@(lambda c: c)
class F(*bases): pass
