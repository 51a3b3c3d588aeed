# rc: a literal passed straight to getrefcount: parser arena + co_consts + argument
import sys
print("int literal:", sys.getrefcount(987654))
print("str literal:", sys.getrefcount("not bound!"))
print("float literal:", sys.getrefcount(6.25))
