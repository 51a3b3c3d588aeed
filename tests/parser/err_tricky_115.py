x = 1ifx
