a = b = c = 
