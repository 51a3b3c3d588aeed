class Point:
    def __init__(self, x):
        self.x = x

    def norm(self):
        return self.x.magnitude


Point(3).norm()
