# lang: escapes and non-ASCII strings (compared, not printed)
s = "caf\xe9 \u0101 \n\t\\"
print(len(s), s.upper() == "CAF\xc9 \u0100 \n\t\\", "STRASSE".lower())
print("\x41\u0042", len("\U0001F600"), "\U0001F600"[0] == "\U0001F600")
print(repr("a'b"), repr('a"b'), repr("a'b\"c"))
print("ab" < "b", "Z" < "a", "abc" < "abd", "" < "a")
