items = []
items.apend(1)
