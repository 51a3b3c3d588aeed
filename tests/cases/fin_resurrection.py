# fin: __del__ can resurrect the object by storing it; __del__ is not called a second time
import gc
saved = []
class Phoenix:
    def __del__(self):
        print("__del__ called")
        saved.append(self)
p = Phoenix()
print("finalized before:", gc.is_finalized(p))
del p
print("resurrected:", len(saved))
print("finalized after:", gc.is_finalized(saved[0]))
saved.clear()
print("end (no second __del__)")
