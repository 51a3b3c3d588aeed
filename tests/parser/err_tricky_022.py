print(é ü)
