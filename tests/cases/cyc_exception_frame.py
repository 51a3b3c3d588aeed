# cyc: storing a caught exception in a local makes exception -> traceback -> frame -> exception
import gc
gc.collect()
def handle():
    try:
        raise ValueError("kept")
    except ValueError as e:
        err = e
    return None
handle()
print("collected (exception, its args tuple, traceback, frame):", gc.collect())
def handle_clean():
    try:
        raise ValueError("dropped")
    except ValueError as e:
        pass
handle_clean()
print("without the local:", gc.collect())
