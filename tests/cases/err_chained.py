# err: an exception raised while handling another shows both tracebacks
data = {}
try:
    data["missing"]
except KeyError:
    print("handling KeyError")
    raise RuntimeError("lookup failed")
