def f():
    s = "日本語"
    return "€€€" + s + 1


f()
