x = $
y = 'unterminated
