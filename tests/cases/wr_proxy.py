# wr: a proxy forwards attribute access; after the referent dies it raises ReferenceError
import weakref
class Account:
    def __init__(self):
        self.balance = 10
    def deposit(self, n):
        self.balance += n
        return self.balance
a = Account()
p = weakref.proxy(a)
print("balance via proxy:", p.balance)
print("method via proxy:", p.deposit(5))
p.balance = 100
print("set through the proxy:", a.balance)
del a
try:
    p.balance
except ReferenceError as e:
    print(type(e).__name__, e)
