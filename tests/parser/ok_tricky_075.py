f'{a:{b!r}}'
