f'{a:x{b}y}'
