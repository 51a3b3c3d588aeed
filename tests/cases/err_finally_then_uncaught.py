# err: finally blocks run before the uncaught exception is reported
def work():
    try:
        print("working")
        return 1 // 0
    finally:
        print("cleanup in finally")
try:
    work()
finally:
    print("outer finally")
