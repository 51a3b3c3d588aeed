print(match, case, _)
