if a:
    x = 1
elif b:
    x = 2
elif c:
    x = 3
else:
    x = 4
while n > 0:
    n -= 1
else:
    done()
for i, (j, k) in enumerate(pairs):
    if i: break
else:
    pass
for x in 1, 2, 3: pass
for x, in y: pass
for *a, b in c: pass
try:
    risky()
except ValueError:
    pass
except (TypeError, KeyError) as e:
    handle(e)
except:
    raise
else:
    ok()
finally:
    cleanup()
try:
    pass
finally:
    pass
with open(f) as fh, lock:
    pass
with (open(f) as a, open(g) as b):
    pass
with (a, b):
    pass
with (yield):
    pass
with a as (b, c):
    pass
with a as b.c, d as e[0]:
    pass
