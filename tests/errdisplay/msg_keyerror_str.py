try:
    {}["missing"]
except KeyError:
    raise KeyError()
