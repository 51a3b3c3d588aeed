if x:
  \
  pass
