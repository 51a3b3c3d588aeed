# lang: generators keep their local state between next() calls
def running_total():
    total = 0
    n = 0
    while True:
        n += 1
        total += n
        yield total
gen = running_total()
print([next(gen) for i in range(5)])
def chunks(seq, size):
    for i in range(0, len(seq), size):
        yield seq[i:i + size]
print(list(chunks("abcdefg", 3)))
def flatten(nested):
    for item in nested:
        if isinstance(item, list):
            for sub in flatten(item):
                yield sub
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5]])))
