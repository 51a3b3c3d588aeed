# rc: values made at run time have only the references the program makes
import sys
a = "abc".upper()
k = 1000
b = k * k
c = [1, 2, 3]
d = {"k": "v"}
print("str method result:", sys.getrefcount(a))
print("product k * k:", sys.getrefcount(b))
print("list display:", sys.getrefcount(c))
print("dict display:", sys.getrefcount(d))
