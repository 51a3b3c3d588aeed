# cache: the empty str and the empty tuple are singletons
s = "abc"
empty = ""
print("s[0:0] is '':", s[0:0] is empty)
print("str() is '':", str() is empty)
print("''.join([]) is '':", "".join([]) is empty)
t = ()
print("tuple([]) is ():", tuple([]) is t)
print("t[0:0] is ():", (1, 2)[0:0] is t)
print("[] is []:", [] is [])
