# pyodide: yes
# A frozen garbage cycle is invisible to gc.collect() until it is unfrozen.
import gc

class Node:
    __slots__ = ("peer",)

gc.disable()
gc.collect()
a = Node()
b = Node()
a.peer = b
b.peer = a
del a, b
gc.freeze()
print("frozen cycle, collect:", gc.collect())
gc.unfreeze()
print("after unfreeze, collect:", gc.collect())
print("freeze count:", gc.get_freeze_count())
