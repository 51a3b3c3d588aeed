def cleanup():
    raise OSError("cleanup failed")


try:
    1 / 0
except ZeroDivisionError:
    cleanup()
