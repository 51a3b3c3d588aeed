import a, b.c, d as e
