# pyodide: yes
# The tree with parent pointers: every child points back at its parent, so a dropped tree is cyclic garbage.
import gc, sys, weakref
gc.disable()
gc.collect()

class TreeNode:
    def __init__(self, name, parent):
        self.name = name
        self.parent = parent
        self.children = []
        if parent is not None:
            parent.children.append(self)

root = TreeNode("root", None)
a = TreeNode("a", root)
b = TreeNode("b", root)
c = TreeNode("c", a)
print("root refcount:", sys.getrefcount(root))
probe = weakref.ref(c)
del a, b, c
root = None
print("alive after del:", probe() is not None)
print("collected:", gc.collect())
print("alive after collect:", probe() is not None)
