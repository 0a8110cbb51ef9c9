# pyodide: yes
# Only unreachable objects are collected; reachable cycles stay.
import gc
gc.disable()
gc.collect()

class Node:
    pass

keep = []
for i in range(10):
    a = Node()
    b = Node()
    a.peer = b
    b.peer = a
    if i % 2 == 0:
        keep.append(a)
del a, b
print("half of the cycles are garbage:", gc.collect())
print("kept:", len(keep))
keep.clear()
print("the rest:", gc.collect())
