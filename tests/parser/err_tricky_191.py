class A(,): pass
