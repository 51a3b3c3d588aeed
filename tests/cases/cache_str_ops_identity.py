# cache: some str operations return the same object when nothing changes
s = "Hello"
print("s * 1 is s:", s * 1 is s)
print("s[:] is s:", s[:] is s)
print("str(s) is s:", str(s) is s)
print("s.strip() is s:", s.strip() is s)
print("s.upper() is s:", s.upper() is s)
print("s + '' is s:", s + "" is s)
