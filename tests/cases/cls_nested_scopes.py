# cls: name lookup goes local, enclosing functions, global, builtins
x = "global"
def outer():
    x = "outer"
    def middle():
        def inner():
            return x
        return inner()
    return middle()
print(outer())
def no_enclosing():
    return x
print(no_enclosing())
def uses_builtin():
    return len("abc")
print(uses_builtin())
def local_shadows_builtin():
    len = lambda s: -1
    return len("abc")
print(local_shadows_builtin(), len("abc"))
