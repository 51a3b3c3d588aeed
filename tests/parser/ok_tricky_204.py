x = match
