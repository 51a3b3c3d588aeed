x = 1 +
z = 'abc
