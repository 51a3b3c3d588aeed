@
class A: pass
