def lookup(table, key):
    return table[key]["value"]


lookup({"a": {"value": 1}}, "b")
