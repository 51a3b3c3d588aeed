# gen: gc.freeze moves every tracked object to the permanent generation; the collector ignores it
import gc
gc.collect()
a = []
a.append(a)
del a
print("freeze count before:", gc.get_freeze_count())
gc.freeze()
print("frozen something:", gc.get_freeze_count() > 0)
print("generation 0 count after freeze:", gc.get_count()[0])
print("frozen cycle not collected:", gc.collect())
gc.unfreeze()
print("freeze count after unfreeze:", gc.get_freeze_count())
print("collected after unfreeze:", gc.collect())
