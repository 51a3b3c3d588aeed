# rc: an exception keeps its arguments in e.args
import sys
detail = []
err = ValueError(detail, "text")
print("held by err.args:", sys.getrefcount(detail))
print("args length:", len(err.args))
try:
    raise err
except ValueError as e:
    print("same exception object:", e is err)
del err
print("exception gone:", sys.getrefcount(detail))
