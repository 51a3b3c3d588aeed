x = 1
y = await x
