# fin: a suspended generator in a cycle is closed by the collector
import gc
def gen(box):
    try:
        yield 1
    finally:
        print("finally, box has", len(box), "item")
gc.collect()
box = []
g = gen(box)
box.append(g)
next(g)
del g, box
print("collecting")
gc.collect()
print("end")
