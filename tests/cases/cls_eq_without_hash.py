# cls: defining __eq__ without __hash__ makes instances unhashable
class Value:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
try:
    {Value(1)}
except TypeError as e:
    print("TypeError:", e)
print("equality still works:", Value(1) == Value(1))
