data = rb'\d' b'x'
