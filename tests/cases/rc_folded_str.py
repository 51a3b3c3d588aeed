# rc: "ab" + "cd" is folded into the constant "abcd"
import sys
s = "ab" + "cd"
print("s = 'ab' + 'cd':", sys.getrefcount(s))
r = "".join(["ab", "cd"])
print("joined at run time:", sys.getrefcount(r))
print("equal but not the same object:", r == s, r is s)
