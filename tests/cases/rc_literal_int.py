# rc: a large int literal at module level: name + parser arena + co_consts + argument
import sys
n = 123456
print("n = 123456:", sys.getrefcount(n))
lst = [n, n]
print("also twice in a list:", sys.getrefcount(n))
