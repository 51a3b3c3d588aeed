# fl: instances have no free list, but pymalloc hands the freed block out again at once
class C:
    pass
print("id(C()) == id(C()):", id(C()) == id(C()))
a = C()
old = id(a)
del a
b = C()
print("b got a's memory:", id(b) == old)
