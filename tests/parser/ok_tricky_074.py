print(f'{1!r:{2}}')
