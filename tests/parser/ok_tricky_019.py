def f(é, ü=1, *ö, ä, **ß): pass
