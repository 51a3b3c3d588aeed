a ; ; b
