# fin: an object referenced by a local of a failed function lives as long as the saved traceback
class Noisy:
    def __del__(self):
        print("__del__ Noisy")
def fail():
    n = Noisy()
    raise ValueError("failed")
try:
    fail()
except ValueError as e:
    err = e
print("handler done, err saved")
err = None
print("end")
