# lang: generators chained into a lazy pipeline
log = []
def source(n):
    for i in range(n):
        log.append("produce " + str(i))
        yield i
def double(it):
    for v in it:
        yield v * 2
def take(it, k):
    for v in it:
        if k == 0:
            return
        k -= 1
        yield v
print(list(take(double(source(100)), 3)))
print(log)
