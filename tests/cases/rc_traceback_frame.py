# rc: a saved exception's __traceback__ keeps the raising frame and its locals alive
import sys
obj = []
def fail():
    local_ref = obj
    raise RuntimeError("boom")
try:
    fail()
except RuntimeError as e:
    saved = e
print("traceback holds fail()'s local:", sys.getrefcount(obj))
print("traceback frames:", saved.__traceback__.tb_next is not None)
saved.__traceback__ = None
print("after clearing __traceback__:", sys.getrefcount(obj))
