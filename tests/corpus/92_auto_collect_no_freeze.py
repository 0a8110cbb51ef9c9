# pyodide: yes
# Automatic collections at the default thresholds without gc.freeze(): pairs of instances, a third of them kept.
import gc

found = []

def cb(phase, info):
    if phase == "stop":
        found.append(info["collected"])

class Node:
    def __init__(self):
        self.peer = None

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
keep = []
gc.disable()
gc.collect()
gc.callbacks.append(cb)
gc.enable()
i = 0
while i < 20000:
    a = Node()
    b = Node()
    a.peer = b
    b.peer = a
    if i % 3 == 0:
        keep.append(a)
    i += 1
gc.disable()
gc.callbacks.remove(cb)
print("collections:", len(found))
print("first that found something:", [k for k in range(len(found)) if found[k]][:1])
print("collected each time:", found)
print("count:", gc.get_count())
print("left for the last collect:", gc.collect())
