# Any exception with a print_file_and_line attribute is shown as a
# SyntaxError would be, if it has the attributes parse_syntax_error reads.
e = ValueError("v")
e.print_file_and_line = None
e.msg = "pretend"
e.filename = "fake.py"
e.lineno = 4
e.offset = 3
e.text = "  abcdef\n"
raise e
