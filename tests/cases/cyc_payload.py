# cyc: containers hanging off a cycle are freed with it; ints and strs are never counted
import gc
gc.collect()
a = []
b = [a]
a.append(b)
a.append([1, 2, 3])
a.append({"x": [4]})
a.append("text")
a.append(10**20)
del a, b
print("collected (2 cycle lists + list + dict + inner list):", gc.collect())
