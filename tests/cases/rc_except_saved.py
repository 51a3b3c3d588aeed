# rc: keeping the exception in another name keeps it (and its args) alive
import sys
payload = []
saved = None
try:
    raise KeyError(payload)
except KeyError as e:
    saved = e
print("payload while saved:", sys.getrefcount(payload))
print("saved exception:", sys.getrefcount(saved))
saved = None
print("payload after saved = None:", sys.getrefcount(payload))
