lambda é: ü ö
