# lang: common str methods
s = "  Hello, World  "
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
t = s.strip()
print(t.upper(), t.lower(), t.replace("l", "L"), t.replace("l", "L", 1))
print(t.split(", "), "a,b,,c".split(","), " x  y ".split(), "a b c".split(" ", 1))
print("-".join(["x", "y", "z"]), "".join(reversed("abc")))
print(t.startswith("Hell"), t.endswith("!"), t.find("o"), t.find("z"), t.count("o"))
print("42".isdigit(), "4a".isdigit(), "abc".isalpha(), "Abc".islower(), "ABC".isupper())
print(t.index("W"), "x".join("abc"), "abc" * 3, "ab" in "cabd")
