# variants: native asan
# Source nested deeper than the parser and compiler allow: SyntaxError, MemoryError or RecursionError, never a crash.
cases = [
    "x = " + "(" * 300 + ")" * 300,
    "x = " + "-" * 200000 + "1",
    "x = " + "[" * 5000 + "]" * 5000,
    "x = 1" + " + 1" * 100000,
    "x = a" + ".b" * 100000,
    "x = " + "not " * 100000 + "1",
    "def f():\n" + "".join(" " * i + "if x:\n" for i in range(1, 150)) + " " * 150 + "pass\n",
    "f(" * 1000 + ")" * 1000,
    "lambda: " * 10000 + "1",
]
for src in cases:
    try:
        exec(src, {})
        print("ran")
    except (SyntaxError, MemoryError, RecursionError, NameError) as e:
        print(type(e).__name__)
print("alive")
