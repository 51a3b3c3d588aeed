# cls: user exception classes with inheritance and extra attributes
class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, what):
        super().__init__("not found: " + what)
        self.what = what
try:
    raise NotFound("page")
except AppError as e:
    print(type(e).__name__, "|", e, "|", e.what, "|", e.args)
print(issubclass(NotFound, Exception), isinstance(NotFound("x"), AppError))
print(repr(AppError("a", 1)))
