# gen: several callbacks run in list order, for start and for stop
import gc
gc.collect()
log = []
def first(phase, info):
    log.append("first " + phase)
def second(phase, info):
    log.append("second " + phase)
gc.callbacks.append(first)
gc.callbacks.append(second)
gc.collect()
gc.callbacks.clear()
gc.collect()
print(log)
print("callbacks left:", len(gc.callbacks))
