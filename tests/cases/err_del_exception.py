# err: an exception in __del__ cannot propagate; CPython reports it on stderr ("Exception ignored in")
# and carries on; the script then ends with an uncaught error
class Bad:
    def __del__(self):
        raise ValueError("error in __del__")
b = Bad()
del b
print("still running after the ignored exception")
raise SystemError("done")
