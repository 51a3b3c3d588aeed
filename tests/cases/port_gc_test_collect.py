# port: test_gc.py GCCallbackTests.test_collect
import gc
visit = []
def cb1(phase, info):
    visit.append((1, phase, dict(info)))
def cb2(phase, info):
    visit.append((2, phase, dict(info)))
gc.callbacks.append(cb1)
gc.callbacks.append(cb2)
def test_collect():
    gc.collect()
    visit.clear()
    gc.collect()
    n = [v[0] for v in visit]
    print("cb1 visits:", [i for i in n if i == 1], "cb2 visits:", [i for i in n if i == 2])
    n = [v[1] for v in visit]
    print("phases:", n)
    print("info keys:", all("generation" in v[2] and "collected" in v[2] and "uncollectable" in v[2] for v in visit))
test_collect()
gc.callbacks.clear()
