# rc: "except E as e" deletes e at the end of the handler, dropping that reference
import sys
payload = []
try:
    raise ValueError(payload)
except ValueError as e:
    print("payload inside handler:", sys.getrefcount(payload))
    print("e.args[0] is payload:", e.args[0] is payload)
print("payload after handler:", sys.getrefcount(payload))
try:
    e
except NameError as err:
    print("e after handler:", err)
