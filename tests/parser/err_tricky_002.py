if x:
	 pass
        pass
