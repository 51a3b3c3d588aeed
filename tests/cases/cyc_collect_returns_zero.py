# cyc: objects freed by reference counting never reach the collector
import gc
gc.collect()
a = [[1], [2], {"k": []}]
del a
print("no cycles:", gc.collect())
x = []
y = [x]
del y
print("chain, no cycle:", gc.collect(), x)
