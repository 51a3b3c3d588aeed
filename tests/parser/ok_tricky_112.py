x = 0o7and 1
