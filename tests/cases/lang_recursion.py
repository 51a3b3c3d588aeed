# lang: recursive functions
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append(a + c)
        hanoi(n - 1, b, a, c, moves)
    return moves
print(fact(20), fact(25))
print(hanoi(3, "A", "B", "C", []))
def depth(tree):
    return 0 if not isinstance(tree, list) else 1 + max([depth(t) for t in tree] + [0])
print(depth([1, [2, [3]], []]))
