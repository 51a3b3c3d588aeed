x = [a for a in b if c if d for e in f]
