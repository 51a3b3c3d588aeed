# port: test_gc.py GCCallbackTests.test_collect_generation
import gc
visit = []
def cb1(phase, info):
    visit.append((1, phase, dict(info)))
gc.callbacks.append(cb1)
def test_collect_generation():
    gc.collect()
    visit.clear()
    gc.collect(2)
    print("generations reported:", [v[2]["generation"] for v in visit])
test_collect_generation()
gc.callbacks.clear()
