def greet(username):
    print("hi", usrname)


greet("x")
