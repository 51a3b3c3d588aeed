# lang: dict operations keep insertion order
d = {"b": 1, "a": 2}
d["c"] = 3
d["b"] = 10
print(d, list(d), list(d.values()), list(d.items()))
del d["a"]
d["a"] = 4
print(d)
print(d.get("x"), d.get("x", 0), "c" in d, len(d))
print(d.pop("c"), d.setdefault("e", 5), d)
d.update({"f": 6}, g=7)
print(d)
print(dict(zip("xy", [1, 2])), {k: v for k, v in [("p", 1)]}, dict([("q", 2)]))
print(sorted(d.keys(), reverse=True), min(d), max(d.values()))
