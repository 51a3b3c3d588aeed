@x.y(z)
@w
class A: pass
