if x:
  y