# cls: a method can create closures over self
class Account:
    def __init__(self, balance):
        self.balance = balance
    def depositor(self, amount):
        def deposit():
            self.balance += amount
            return self.balance
        return deposit
acc = Account(10)
d5 = acc.depositor(5)
print(d5(), d5(), acc.balance)
print("closure cells:", len(d5.__closure__))
print(sorted(type(c.cell_contents).__name__ for c in d5.__closure__))
