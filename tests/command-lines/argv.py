# Run by tests/command-lines/cases.json: what python3 FILE.py [ARG...] sets up.
import sys

print(sys.argv)
print(list(globals()))
print(type(__loader__).__name__, __spec__, __file__.endswith("/argv.py"), __cached__)
if len(sys.argv) > 1 and sys.argv[1] == "fail":
    raise ValueError(sys.argv[2:])
