# err: an error raised inside a generator shows the generator frame in the traceback
def numbers():
    yield 1
    yield 2
    raise LookupError("no more numbers")
for n in numbers():
    print("got", n)
