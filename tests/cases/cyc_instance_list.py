# cyc: an instance and a list of children that point back to it
import gc
gc.collect()
class Tree:
    def __init__(self, parent=None):
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)
root = Tree()
for i in range(3):
    Tree(root)
print("children:", len(root.children))
del root
print("collected (4 instances + 4 children lists):", gc.collect())
