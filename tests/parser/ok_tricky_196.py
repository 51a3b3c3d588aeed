@x
# c
def f(): pass
