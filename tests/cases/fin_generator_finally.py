# fin: deleting a suspended generator runs its finally block (GeneratorExit)
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("finally in generator")
g = gen()
print("next:", next(g))
print("del g")
del g
h = gen()
print("never started: del h")
del h
print("end")
