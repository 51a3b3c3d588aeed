match x, y:
