# err: raise ... from ... marks the first exception as the direct cause
def convert(s):
    try:
        return int(s)
    except ValueError as e:
        raise TypeError("bad input " + repr(s)) from e
print(convert("12"))
convert("twelve")
