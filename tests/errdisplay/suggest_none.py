zzzqqq
