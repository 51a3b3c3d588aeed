f(a=1 for b in c)
