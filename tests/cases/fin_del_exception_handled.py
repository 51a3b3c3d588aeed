# fin: an exception raised and handled inside __del__ stays there; the outer exception is untouched
class Careful:
    def __del__(self):
        try:
            raise ValueError("inside __del__")
        except ValueError as e:
            print("__del__ handled:", e)
c = Careful()
try:
    raise KeyError("outer")
except KeyError as e:
    del c
    print("outer exception still:", repr(e))
print("end")
