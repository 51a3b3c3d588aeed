# cls: __getitem__ with string keys and a fallback
class Config:
    def __init__(self, **values):
        self.values = values
    def __getitem__(self, key):
        if key in self.values:
            return self.values[key]
        raise KeyError(key)
    def __len__(self):
        return len(self.values)
c = Config(debug=True, level=3)
print(c["level"], c["debug"], len(c))
try:
    c["missing"]
except KeyError as e:
    print("KeyError:", e)
