# cls: single inheritance, overriding and super()
class Animal:
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def describe(self):
        return "I am " + self.name + ": " + self.speak()
class Cat(Animal):
    def __init__(self, name, indoor):
        super().__init__(name)
        self.indoor = indoor
    def speak(self):
        return super().speak() + " (meow)"
c = Cat("tom", True)
print(c.describe())
print(c.indoor, isinstance(c, Animal), issubclass(Cat, Animal), issubclass(Animal, Cat))
print(type(c).__name__, type(c) is Animal)
