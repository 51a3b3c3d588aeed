match -x
