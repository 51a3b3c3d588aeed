# lang: generators, generator expressions, send-free protocol, return
def fib(limit):
    a, b = 0, 1
    while a < limit:
        yield a
        a, b = b, a + b
print(list(fib(100)))
g = (x * x for x in range(5))
print(next(g), next(g), list(g), list(g))
def gen_with_return():
    yield 1
    return "done"
it = gen_with_return()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration value:", e.value)
print(sum(x for x in range(101)), max(len(w) for w in ["a", "abc", "ab"]))
