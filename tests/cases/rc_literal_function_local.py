# rc: inside a function a literal local is held by the local, co_consts and the parser arena
import sys
def f():
    w = 7654321
    return sys.getrefcount(w)
print("local literal:", f())
def g():
    lst = [1, 2, 3]
    return sys.getrefcount(lst)
print("local list display:", g())
