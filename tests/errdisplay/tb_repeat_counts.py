# Three identical entries print in full; a fourth gives "1 more time",
# a fifth "2 more times"; the counts restart when the line changes.
def down(n, stop):
    if n == stop:
        return up(0)
    return down(n + 1, stop)


def up(n):
    if n == 5:
        raise RuntimeError("deep enough")
    return up(n + 1)


down(0, 4)
