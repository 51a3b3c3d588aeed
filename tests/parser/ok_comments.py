# comment
x = 1  # trailing

# blank lines and comments

if x:
    # indented comment
    y = 2
        # odd comment
    z = 3
# dedent comment
w = (1,  # inside parens
     2)
v = 1 + \
    2
if a and \
   b:
    pass
	x = 1
