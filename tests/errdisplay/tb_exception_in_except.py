def risky():
    return {}["k"]


def handler():
    try:
        risky()
    except KeyError:
        return undefined_name


handler()
