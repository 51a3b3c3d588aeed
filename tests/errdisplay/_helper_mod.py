class HelperError(Exception):
    pass


def check(value):
    if value < 0:
        raise HelperError("negative: " + str(value))
    return value
