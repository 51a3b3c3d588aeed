raise ValueError("bad \udc80 char")
