class É(Ü, mé=1): pass
