# The code cells of seed notebook 001_54a60492c96b1c40, as one script (tests/tools/record-seed-scripts).

print('--- cell 1')
try:
    a = 2
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 2')
try:
    a = 2
    print(id(a))
    _seed_value = (print(hex(id(a))))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 3')
try:
    b = 2
    _seed_value = (print(hex(id(b))))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 4')
try:
    a = 10
    print(hex(id(a)))
    _seed_value = (print(hex(id(b))))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 5')
try:
    a = 2
    b = 2
    _seed_value = (b is a)
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 6')
try:
    a = 2
    b = 20
    _seed_value = (b is a)
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 7')
try:
    print(id(a))
    _seed_value = (print(id(b)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 8')
try:
    a = 2
    b = 3
    c = a
    d = a
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 9')
try:
    import sys
    _seed_value = (sys.getrefcount(a))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 10')
try:
    a = 300
    b = 400
    c = a
    d = a
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 11')
try:
    import sys
    print(sys.getrefcount(a))
    _seed_value = (print(sys.getrefcount(b)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 12')
try:
    d1 = {}
    d2 = {}
    d1["d2"] = d2
    d2["d1"] = d1
    print(sys.getrefcount(d1))
    _seed_value = (print(sys.getrefcount(d2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 13')
try:
    d1 = {}
    d2 = {}
    d1["d2"] = d2
    d2["d1"] = d1
    d1 = None
    d2 = None
    print(sys.getrefcount(d1))
    _seed_value = (print(sys.getrefcount(d2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 14')
try:
    import ctypes as ct

    def RefCount(address):
        return ct.c_long.from_address(address).value
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 15')
try:
    d1 = {}
    d2 = {}
    d1["d2"] = d2
    d2["d1"] = d1
    a1 = id(d1)
    a2 = id(d2)
    print(sys.getrefcount(d1))
    _seed_value = (print(sys.getrefcount(d2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 16')
try:
    d1 = {}
    d2 = {}
    d1["d2"] = d2
    d2["d1"] = d1
    a1 = id(d1)
    a2 = id(d2)
    print(RefCount(a1))
    _seed_value = (print(RefCount(a2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 17')
try:
    d1 = {}
    d2 = {}
    d1["d2"] = d2
    d2["d1"] = d1
    a1 = id(d1)
    a2 = id(d2)
    del d1,d2
    print(RefCount(a1))
    _seed_value = (print(RefCount(a2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 18')
try:
    d1 = 2300
    d2 = 4000
    a1 = id(d1)
    a2 = id(d2)
    print(RefCount(a1))
    _seed_value = (print(RefCount(a2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 19')
try:
    d1 = 2300
    d2 = 4000
    a1 = id(d1)
    a2 = id(d2)
    del d1,d2
    print(RefCount(a1))
    _seed_value = (print(RefCount(a2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 20')
try:
    import gc
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 21')
try:
    d1 = 2300
    d2 = 4000
    a1 = id(d1)
    a2 = id(d2)
    del d1,d2
    print(gc.collect())
    print(RefCount(a1))
    _seed_value = (print(RefCount(a2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 22')
try:
    d1 = {}
    d2 = {}
    d1["d2"] = d2
    d2["d1"] = d1
    a1 = id(d1)
    a2 = id(d2)
    del d1,d2
    print(gc.collect())
    print(RefCount(a1))
    _seed_value = (print(RefCount(a2)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 23')
try:
    _seed_value = (gc.get_threshold())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 24')
try:
    _seed_value = (gc.set_threshold(900,20,20))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 25')
try:
    _seed_value = (gc.get_threshold())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 26')
try:
    _seed_value = (gc.get_count())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 27')
try:
    _seed_value = (gc.collect())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 28')
try:
    # gc.set_threshold(0,0,0)
    pass
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)
