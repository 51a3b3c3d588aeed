# oracle: wasm32
# size: ASCII strings take one byte per character after the header
import sys
for s in ["", "a", "ab", "hello", "hello world!", "x" * 100]:
    print(len(s), sys.getsizeof(s))
