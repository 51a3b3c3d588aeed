# oracle: wasm32
# size: an instance's __dict__ once it is materialised
import sys
class P:
    def __init__(self):
        self.x = 1
        self.y = 2
p = P()
d = p.__dict__
print("instance:", sys.getsizeof(p))
print("its __dict__:", sys.getsizeof(d), sorted(d))
q = {"x": 1, "y": 2}
print("an ordinary dict with the same items:", sys.getsizeof(q))
