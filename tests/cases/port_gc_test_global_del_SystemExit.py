# port: test_gc.py GCTests.test_global_del_SystemExit (the child script itself)
class ClassWithDel:
    def __del__(self):
        print('__del__ called')
a = ClassWithDel()
a.link = a
raise SystemExit(0)
