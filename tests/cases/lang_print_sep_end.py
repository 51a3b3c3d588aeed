# lang: print with sep and end; print of several types
print("a", "b", "c")
print("a", "b", "c", sep="-")
print("no newline", end="|")
print("next", end="\n")
print(1, 2.5, None, True, [1, "x"], (1,), {"k": "v"}, sep=", ")
print()
print("tab\there", "quote's", 'dq"', repr("it's"), repr('say "hi"'))
items = [1, 2, 3]
print(" ".join([str(i) for i in items]))
