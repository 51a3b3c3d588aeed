# cls: names bound in a class body are class attributes, not visible as plain names in methods
size = "global size"
class Box:
    size = "class size"
    doubled = size + "!"
    def get_size(self):
        return size
    def get_class_size(self):
        return self.size
b = Box()
print(Box.doubled)
print("plain name in a method:", b.get_size())
print("through self:", b.get_class_size())
class Table:
    n = 3
    try:
        rows = [n * i for i in range(3)]
    except NameError as e:
        rows = "NameError: " + str(e)
    first = [i for i in range(n)]
print(Table.rows)
print(Table.first)
