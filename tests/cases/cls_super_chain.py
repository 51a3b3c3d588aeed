# cls: super() walks up a chain of single inheritance
class A:
    def hello(self):
        return ["A"]
class B(A):
    def hello(self):
        return ["B"] + super().hello()
class C(B):
    def hello(self):
        return ["C"] + super().hello()
print(C().hello())
print(issubclass(C, A), issubclass(A, C))
print(isinstance(C(), A), type(C()) is B)
