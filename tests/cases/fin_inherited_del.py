# fin: __del__ is inherited; a subclass can extend it with super().__del__()
class Base:
    def __del__(self):
        print("Base.__del__", type(self).__name__)
class Plain(Base):
    pass
class Extended(Base):
    def __del__(self):
        print("Extended.__del__")
        super().__del__()
p = Plain()
del p
e = Extended()
del e
print("end")
