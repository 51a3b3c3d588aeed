# err: the else block runs only without an exception; an error there is not caught by the same try
def run(flag):
    try:
        if flag:
            raise KeyError("k")
    except KeyError:
        print("caught KeyError")
    else:
        print("no exception, else block")
        raise IndexError("raised in else")
run(True)
run(False)
