# port: test_gc.py GCTests.test_get_objects_arguments
import gc
gc.disable()
def test_get_objects_arguments():
    # CPython creates a builtin's keyword-name tuple (a tracked object) the first time the builtin
    # is called with a keyword; the unittest has done that before this test, so do it here too
    gc.get_objects(generation=0)
    gc.collect()
    print("same length:", len(gc.get_objects()) == len(gc.get_objects(generation=None)))
    for arg in (1000, -1000, "1", 1.234):
        try:
            gc.get_objects(arg)
        except (ValueError, TypeError) as e:
            print(repr(arg), type(e).__name__)
test_get_objects_arguments()
