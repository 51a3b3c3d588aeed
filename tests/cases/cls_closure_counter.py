# cls: a closure keeps state between calls through nonlocal
def make_counter(start):
    count = start
    def step(by=1):
        nonlocal count
        count += by
        return count
    return step
c1 = make_counter(0)
c2 = make_counter(100)
print(c1(), c1(), c1(5))
print(c2(), c1())
print("cell value:", c1.__closure__[0].cell_contents)
