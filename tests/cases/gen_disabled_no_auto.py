# gen: while disabled, the generation-0 count grows past the threshold without a collection;
# after enable, the next allocation collects
import gc
class Obj:
    pass
print((1, 2))
gc.set_threshold(10)
gc.collect()
gc.disable()
keep = [Obj() for i in range(30)]
while_disabled = gc.get_count()
gc.enable()
extra = Obj()
after_enable = gc.get_count()
gc.set_threshold(700)
print("while disabled:", while_disabled)
print("first allocation after enable collected:", after_enable)
