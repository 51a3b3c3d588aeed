# The code cells of seed notebook 002_917f6b7bdc39f1ae, as one script (tests/tools/record-seed-scripts).

print('--- cell 1')
try:
    import sys

    a = []  # Create an empty list
    b = a   # Assign 'b' to the same list

    print(sys.getrefcount(a))  # Output will be 3 (a, b, and the argument passed to getrefcount())

    # Decrease the reference count
    del b
    _seed_value = (print(sys.getrefcount(a)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 2')
try:
    del a
    _seed_value = (sys.getrefcount(a))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 3')
try:
    import gc

    class Node:
        def __init__(self, value):
            self.value = value
            self.next = None

    # Create a circular reference
    node1 = Node(1)
    node2 = Node(2)
    node1.next = node2
    node2.next = node1

    # Delete the references to the nodes
    del node1
    del node2

    # Force garbage collection
    _seed_value = (gc.collect())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 4')
try:
    import sys

    # Create a small integer
    x = 100
    y = 100

    # Check if they share the same memory location
    print(id(x) == id(y))  # True, small integers are cached

    # Create a large integer
    a = 10**6
    b = 10**6

    # Check if they share the same memory location
    _seed_value = (print(id(a) == id(b)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 5')
try:
    import gc

    # Create a large list
    large_list = [i for i in range(1000000)]

    # Delete the list
    del large_list

    # Force garbage collection
    _seed_value = (gc.collect())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 6')
try:
    a = [1, 2, 3]  # Creates a list object on the heap and assigns the reference to 'a'
    b = a          # 'b' now references the same memory location as 'a'

    # Let's inspect the memory addresses
    print(id(a))  # This gives the memory address of the list object
    _seed_value = (print(id(b)))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 7')
try:
    # Stack frame
    def example():
        x = 10  # Reference to the integer object 10 is stored in the stack frame of 'example'
        lst = [1, 2, 3]  # Reference to the list object is also stored in the stack frame

    _seed_value = (example())
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 8')
try:
    # Global Variables (Module Level)
    global_var = "Hello, World!"  # This reference is stored in the global namespace

    _seed_value = (print(globals()['global_var']))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 9')
try:
    # Class and Instance Variables
    class MyClass:
        class_var = 42  # Class variable reference stored in MyClass.__dict__

        def __init__(self, value):
            self.instance_var = value  # Instance variable reference stored in the object's __dict__

    obj = MyClass(100)
    print(MyClass.__dict__['class_var'])   # Access the class variable reference
    _seed_value = (print(obj.__dict__['instance_var']))
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)

print('--- cell 10')
try:
    # Closures and Free Variables
    def outer():
        x = 10
        def inner():
            print(x)  # 'x' is a free variable captured in the closure
        return inner

    func = outer()
    _seed_value = (func.__closure__)
    if _seed_value is not None:
        print(repr(_seed_value))
except Exception as _seed_error:
    print(type(_seed_error).__name__ + ':', _seed_error)
