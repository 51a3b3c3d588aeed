# lang: loops with break, continue and else
for n in range(2, 20):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        print(n, end=" ")
print()
i = 0
while i < 10:
    i += 1
    if i % 3:
        continue
    print("multiple of 3:", i)
else:
    print("while finished without break")
while True:
    i -= 4
    if i < 0:
        break
print("i =", i)
