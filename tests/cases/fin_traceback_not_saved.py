# fin: without a saved exception the failed frame's locals die when the handler ends
class Noisy:
    def __del__(self):
        print("__del__ Noisy")
def fail():
    n = Noisy()
    raise ValueError("failed")
try:
    fail()
except ValueError:
    print("in handler")
print("after handler")
