# cyc: two mutually recursive inner functions: 2 functions, 2 cells, 2 closure tuples
import gc
gc.collect()
def make():
    def even(n):
        return True if n == 0 else odd(n - 1)
    def odd(n):
        return False if n == 0 else even(n - 1)
    return even
even = make()
print("even(10):", even(10), "even(7):", even(7))
del even
print("collected:", gc.collect())
