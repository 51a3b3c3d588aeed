# cyc: cycle A points to cycle B; B stays alive while another name holds it
import gc
gc.collect()
a1 = []
a2 = [a1]
a1.append(a2)
b1 = []
b2 = [b1]
b1.append(b2)
a1.append(b1)
del a1, a2
print("A collected, B alive:", gc.collect(), len(b1))
del b1, b2
print("then B:", gc.collect())
