# pyodide: yes
# The fix for parent pointers: a weak reference to the parent, so refcounting alone frees the tree.
import gc, weakref
gc.disable()
gc.collect()

class TreeNode:
    def __init__(self, name, parent):
        self.name = name
        self.parent = None
        if parent is not None:
            self.parent = weakref.ref(parent)
        self.children = []
    def __del__(self):
        print("free", self.name)

root = TreeNode("root", None)
kid = TreeNode("kid", root)
root.children.append(kid)
print("kid's parent:", kid.parent().name)
del kid
print("drop root")
root = None
print("collected:", gc.collect())
