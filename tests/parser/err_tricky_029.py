x = 'abc' 'é
