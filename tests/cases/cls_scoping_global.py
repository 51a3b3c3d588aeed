# cls: global lets a function rebind a module name; without it the name is local
counter = 0
def bump():
    global counter
    counter += 1
def shadow():
    counter = 99
    return counter
bump()
bump()
print("counter:", counter, "shadow():", shadow(), "counter:", counter)
def reads():
    return counter * 2
print("reading a global needs no declaration:", reads())
def broken():
    total = counter
    counter = 5
    return total
try:
    broken()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
