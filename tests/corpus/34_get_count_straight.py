# pyodide: no: counts include first-use allocations (the first repr of a container), which a warm shared Pyodide has already made
# gc.get_count() in straight-line code: each new container counts, atoms do not.
import gc

class Node:
    pass

gc.disable()
gc.collect()
print(gc.get_count())
a = [1, 2, 3]
print(gc.get_count())
b = {"k": 1}
print(gc.get_count())
c = 12345678
s = "text"
f = 1.5
print(gc.get_count())
n = Node()
print(gc.get_count())
n.attr = 1
print(gc.get_count())
t = (a, b)
print(gc.get_count())
del a
print(gc.get_count())
gc.collect(0)
print(gc.get_count())
gc.collect(0)
gc.collect(1)
print(gc.get_count())
gc.collect()
print(gc.get_count())
