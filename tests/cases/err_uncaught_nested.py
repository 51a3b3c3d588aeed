# err: the traceback lists every frame from the module down to the raise
def parse(text):
    return int(text)
def load(items):
    return [parse(t) for t in items]
def main():
    print("loading")
    return load(["1", "2", "x3"])
main()
