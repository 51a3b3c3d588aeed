import a.b.c as d
