if x:
\
    pass
