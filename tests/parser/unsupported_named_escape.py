bullet = '\N{BULLET}'
