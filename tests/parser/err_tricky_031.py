if é:
  pass
 pass
