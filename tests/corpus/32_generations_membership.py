# pyodide: yes
# Survivors move one generation older at each collection of their generation.
import gc

class Node:
    pass

def where(obj):
    gens = []
    for g in range(3):
        if obj in gc.get_objects(g):
            gens.append(g)
    return gens

gc.disable()
gc.collect()
x = Node()
print("new:", where(x))
gc.collect(0)
print("after collect(0):", where(x))
y = Node()
print("y new:", where(y))
gc.collect(1)
print("after collect(1): x", where(x), "y", where(y))
z = Node()
gc.collect(0)
print("z after collect(0):", where(z))
gc.collect(2)
print("after collect(2): x", where(x), "y", where(y), "z", where(z))
