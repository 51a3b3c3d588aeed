class AppError(Exception):
    pass


def run():
    raise AppError("user class in __main__")


run()
