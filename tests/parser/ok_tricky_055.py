# comment \
x = 1
