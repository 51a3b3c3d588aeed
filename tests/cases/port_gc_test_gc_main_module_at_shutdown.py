# port: test_gc.py GCTests.test_gc_main_module_at_shutdown (the child script itself)
class C:
    def __del__(self):
        print('__del__ called')
l = [C()]
l.append(l)
