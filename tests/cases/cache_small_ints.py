# cache: ints from -5 to 256 are preallocated, so computing one returns the shared object
n = 128
a = n + n
b = 256
print("128 + 128 is 256:", a is b)
c = n + n + 1
d = 257
print("128 + 128 + 1 is 257:", c is d)
m = -3
minus5 = -5
minus6 = -6
print("-3 - 2 is -5:", m - 2 is minus5)
print("-3 - 3 is -6:", m - 3 is minus6)
