# pyodide: yes
# DEBUG_SAVEALL keeps unreachable objects in gc.garbage instead of freeing them.
import gc
gc.disable()
gc.collect()

class Node:
    pass

gc.set_debug(gc.DEBUG_SAVEALL)
print("debug flags:", gc.get_debug())
a = []
b = [a]
a.append(b)
del a, b
print("collected:", gc.collect())
print("garbage:", len(gc.garbage), gc.garbage)
n = Node()
n.me = n
del n
print("collected:", gc.collect())
names = []
for o in gc.garbage:
    names.append(type(o).__name__)
print("types:", sorted(names))
gc.set_debug(0)
gc.garbage.clear()
print("after clearing garbage:", gc.collect())
print("garbage:", gc.garbage)
