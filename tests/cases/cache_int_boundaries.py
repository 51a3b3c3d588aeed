# cache: the small-int range is -5..256 inclusive
base = 0
vals = [-6, -5, 0, 256, 257]
for v in vals:
    computed = base + v
    again = v - base
    print(v, "shared:", computed is again)
