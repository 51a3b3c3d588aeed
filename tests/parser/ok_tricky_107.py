x = [1for x in y]
