# pyodide: yes
# gc.get_referents lists what a container refers to.
import gc

class Node:
    pass

a = [1, "x"]
b = [a, a, None]
print("list refers to:", len(gc.get_referents(b)), gc.get_referents(b)[0] is a)
d = {"one": a}
print("dict refers to:", len(gc.get_referents(d)))
t = (a, 2)
print("tuple refers to:", len(gc.get_referents(t)))
print("list of atoms:", gc.get_referents([1, 2]))
