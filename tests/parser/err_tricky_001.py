if x:
 	pass
	 pass
