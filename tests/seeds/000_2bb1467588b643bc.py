# The code cells of seed notebook 000_2bb1467588b643bc, as one script (tests/tools/record-seed-scripts).

print('--- cell 1')
try:
    import sys

    greeting = "Hello!"
    whisper_greeting = greeting.lower()
    _seed_value = (sys.getrefcount(greeting))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 2')
try:
    listo = []
    listo.append(listo)

    memory_address_of_listo = id(listo)
    _seed_value = (print(memory_address_of_listo))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 3')
try:
    del listo
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 4')
try:
    # Gives an error because the name has been deleted, but...
    _seed_value = (sys.getrefcount(listo))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 5')
try:
    import ctypes

    # There's still a reference to its memory address!
    _seed_value = (ctypes.c_long.from_address(memory_address_of_listo))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 6')
try:
    import gc

    _seed_value = (gc.get_threshold())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 7')
try:
    _seed_value = (gc.get_count())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 8')
try:
    _seed_value = ((gc.get_referrers(memory_address_of_listo))[3])
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 9')
try:
    _seed_value = (gc.collect())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 10')
try:
    _seed_value = (gc.get_count())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 11')
try:
    _seed_value = (print(any(id(obj) == memory_address_of_listo for obj in gc.get_objects())))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 12')
try:
    #Now let's check the memory address from the deleted instance name again
    _seed_value = (ctypes.c_long.from_address(memory_address_of_listo))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 13')
try:
    _seed_value = (sys._debugmallocstats())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 14')
try:
    _seed_value = (globals())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)
