x = 'ab\xg1'
