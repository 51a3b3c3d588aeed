x = 1  # c
# more

