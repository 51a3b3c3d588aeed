# The code cells of seed notebook 004_5c9ac824da0e535e, as one script (tests/tools/record-seed-scripts).

print('--- cell 1')
try:
    # Memory management in python involves combination of :-
    #   1. Automatic Garbage Collection
    #   2. Reference Counting
    #   3. Some Internal Optimizations for efficient allocations and deallocations
    pass
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 2')
try:
    # Reference Counting - It is the primary method used by python to manage memory.

    # Each object in python maintains a count of reference pointing to itself.
    # When reference count drops to zero, the memory occupied by the object is freed

    import sys
    a = [10]                    # reference 'a' to a memory location storing a list
    print(sys.getrefcount(a))   # reference 'a' and the function getrefcount() called

    b = a                       # added another reference
    print(sys.getrefcount(a))

    del b                       # removed a reference
    _seed_value = (print(sys.getrefcount(a)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 3')
try:
    # Garbage Collector - Python includes cyclic garbage collector to handle reference cycles
    # Reference cycles occur when objects reference each other, preventing their reference count to reach zero

    # garbage collector module
    import gc

    # get statistics of garbage collector
    print(gc.get_stats())

    # manually trigger the garbage collector and get count of garbage objects
    print(gc.collect())

    # get total unreachable objects (garbage objects)
    print(gc.garbage)

    # disabling garbage collector
    gc.disable()

    # enabling garbage collector
    _seed_value = (gc.enable())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 4')
try:
    import gc

    class MyObj:
        def __init__(self, name):
            print(f"Object {name} is created")
            self.name = name

        def __del__(self):
            print(f"Object {self.name} is deleted")

    # Case 1 :- Circular Reference Exists (Needs manual trigerring of gc)
    obj1 = MyObj("obj1")

    obj2 = obj1             # creating circular reference
    obj1 = obj2

    del obj1                # even after delete is called, reference count is non zero
    del obj2                # hence memory is not freed for the object

    print("Cleared Garbage: ", gc.collect())   # manually trigerring garbage collector
    print()

    # Case 2 :- No Circular Reference Exists (Automatic gc is sufficient)
    obj3 = MyObj("obj3")
    obj4 = MyObj("obj4")

    del obj3                # no circular reference
    del obj4                # hence memory is freed after reference count reaches 0

    _seed_value = (print("Cleared Garbage: ", gc.collect()))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)
