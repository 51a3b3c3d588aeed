x = {a:, b: c}
