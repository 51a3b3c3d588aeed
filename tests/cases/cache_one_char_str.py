# cache: one-character Latin-1 strings made at run time are shared singletons;
# slices of two or more characters are new objects
word = "hello"
other = "yes"
print("word[1] is other[1]:", word[1] is other[1])
print("word[1:2] is word[1]:", word[1:2] is word[1])
print("word[1:3] is word[1:3]:", word[1:3] is word[1:3])
latin = "caf\xe9"
accent = "\xe9t\xe9"
print("latin-1 char shared:", latin[3] is accent[0])
wide = "\u0100\u0100"
print("char above U+00FF not shared:", wide[0] is wide[1])
