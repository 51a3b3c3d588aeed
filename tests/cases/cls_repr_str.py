# cls: __repr__ and __str__ are used by repr(), str(), print and containers
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __repr__(self):
        return "Money(" + repr(self.cents) + ")"
    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"
m = Money(1234)
print(m)
print(repr(m))
print([m, Money(5)])
print(f"{m} / {m!r}")
class OnlyRepr:
    def __repr__(self):
        return "<OnlyRepr>"
print(OnlyRepr(), str(OnlyRepr()))
