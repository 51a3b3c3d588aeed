match = 1
match.x = 2
case = 3
_ = 4
