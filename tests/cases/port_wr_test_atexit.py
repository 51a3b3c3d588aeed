# port: test_weakref.py FinalizeTestCase.test_atexit (the child program; 1/0 in f3 left out to keep stderr empty)
import weakref
_global_var = 'foobar'
class Cls:
    pass
def run_in_child(cls):
    def error():
        # Create an atexit finalizer from inside a finalizer called at exit.
        # This should be the next to be run.
        g1 = weakref.finalize(cls, print, 'g1')
        print('f3 error')
    # cls should stay alive till atexit callbacks run
    f1 = weakref.finalize(cls, print, 'f1', _global_var)
    f2 = weakref.finalize(cls, print, 'f2', _global_var)
    f3 = weakref.finalize(cls, error)
    f4 = weakref.finalize(cls, print, 'f4', _global_var)
    print("atexit flags:", f1.atexit, f3.atexit, f4.atexit)
    f2.atexit = False
run_in_child(Cls)
print("end of script")
