# fin: an object held only by a caught exception dies when "except ... as e" unbinds e
class Noisy:
    def __del__(self):
        print("__del__ payload")
try:
    raise RuntimeError(Noisy())
except RuntimeError as e:
    print("in handler:", type(e.args[0]).__name__)
print("after handler")
