# rc: a module-level str literal bound to a name has refcount 4 in `python3 FILE.py`:
# the name + the parser arena (alive for the whole script) + the module's co_consts + the argument
import sys
greeting = "Hello!"
print("greeting:", sys.getrefcount(greeting))
other = greeting
print("with another name:", sys.getrefcount(greeting))
del other
print("back to:", sys.getrefcount(greeting))
