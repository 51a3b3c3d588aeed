# gen: default thresholds and changing them
import gc
print("default:", gc.get_threshold())
gc.set_threshold(500)
print("set_threshold(500):", gc.get_threshold())
gc.set_threshold(900, 20, 30)
print("set_threshold(900, 20, 30):", gc.get_threshold())
gc.set_threshold(700, 10, 10)
print("restored:", gc.get_threshold())
