# lang: truth values of builtin objects and user objects with __len__
class Empty:
    def __len__(self):
        return 0
class Plain:
    pass
values = [0, 1, -1, 0.0, "", "0", [], [0], (), {}, set(), None, Empty(), Plain(), range(0)]
print([bool(v) for v in values])
print(len([v for v in values if v]))
