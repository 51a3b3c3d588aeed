# cyc: an instance storing its own bound method: instance + method object
import gc
gc.collect()
class Handler:
    def run(self):
        return "ran"
h = Handler()
h.callback = h.run
print(h.callback())
del h
print("collected:", gc.collect())
