def f(x):
	if x:
		return x  +  "s"


f(1)
