# The code cells of seed notebook 003_71902d47c0c296a1, as one script (tests/tools/record-seed-scripts).

print('--- cell 1')
try:
    import sys

    a = 1000
    print(sys.getrefcount(a))
    b = [1, 2, a]
    _seed_value = (print(sys.getrefcount(a)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 2')
try:
    c = 3
    _seed_value = (print(sys.getrefcount(c)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 3')
try:
    d = []  # 1 reference to list1: variable d
    e = [d]  # 1 reference to list2: variable e; 2 references to list1: variable d and list2
    d.append(e) # 2 references to list2: variable e and list1

    del d, e  # deleting variables
    # 1 reference to list1: list2
    # 1 reference to list2: list1
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 4')
try:
    import gc
    gc.get_threshold()  # get current thresholds
    gc.set_threshold(1000, 20, 20)  # change them
    gc.disable()  # disable gc
    gc.enable()  # enable
    _seed_value = (gc.collect(generation=2))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 5')
try:
    class World:
        def __init__(self):
            self.animals = []

    class Animal:
        def __init__(self, world):
            self.world = world

    world = World()
    a1 = Animal(world)
    world.animals.append(a1)

    print(a1.world)
    del world
    _seed_value = (print(a1.world))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 6')
try:
    import weakref

    class World:
        def __init__(self):
            self.animals = []

    class Animal:
        def __init__(self, world):
            self.world = weakref.ref(world)

    world = World()
    a1 = Animal(world)
    world.animals.append(a1)

    print(a1.world)
    print(a1.world())
    del world
    print(a1.world)
    _seed_value = (print(a1.world()))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)
