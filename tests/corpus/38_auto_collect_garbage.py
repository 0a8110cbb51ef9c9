# pyodide: yes
# Automatic collections under a small threshold free garbage cycles while the loop runs.
import gc

found = []

def cb(phase, info):
    if phase == "stop":
        found.append(info["collected"])

class Node:
    __slots__ = ("peer",)

gc.disable()
gc.collect()
gc.freeze()
gc.collect()
gc.set_threshold(50, 10, 10)
gc.callbacks.append(cb)
gc.enable()
for i in range(300):
    a = Node()
    b = Node()
    a.peer = b
    b.peer = a
gc.disable()
gc.callbacks.remove(cb)
print("collections:", len(found))
print("collected each time:", found)
print("total:", sum(found))
print("left for the last collect:", gc.collect())
