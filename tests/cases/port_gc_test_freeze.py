# port: test_gc.py GCTests.test_freeze
import gc
def test_freeze():
    gc.freeze()
    print("get_freeze_count() > 0:", gc.get_freeze_count() > 0)
    gc.unfreeze()
    print("get_freeze_count() == 0:", gc.get_freeze_count())
test_freeze()
