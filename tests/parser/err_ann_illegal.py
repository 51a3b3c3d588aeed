a + 1: int
