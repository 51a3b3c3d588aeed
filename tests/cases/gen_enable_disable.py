# gen: gc.enable / gc.disable / gc.isenabled
import gc
print("at start:", gc.isenabled())
gc.disable()
print("after disable:", gc.isenabled())
gc.disable()
print("disable twice:", gc.isenabled())
gc.enable()
print("after enable:", gc.isenabled())
