@x

def f(): pass
