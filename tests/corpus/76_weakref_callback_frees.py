# pyodide: yes
# Weakref callbacks run by the collector; a weakref freed by its own callback counts as collected.
import gc, weakref

class Node:
    pass

registry = {}

def forget(ref):
    print("forget callback")
    del registry["n"]

gc.disable()
gc.collect()
a = Node()
b = Node()
a.peer = b
b.peer = a
registry["n"] = weakref.ref(a, forget)
del a, b
print("collected:", gc.collect())
print("registry:", registry)
