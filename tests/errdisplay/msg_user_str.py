class Custom(Exception):
    def __str__(self):
        return "custom text"


raise Custom(1, 2)
