try:
    compile("1 +", "<cell>", "exec")
except SyntaxError as e:
    e.add_note("notes of a SyntaxError with a location are not printed")
    raise
