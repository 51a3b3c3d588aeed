def f(): x = yield y = 1
