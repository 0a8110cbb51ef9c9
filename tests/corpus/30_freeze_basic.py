# pyodide: yes
# gc.freeze moves every tracked object to the permanent generation; unfreeze puts them back in the oldest.
import gc

class Node:
    __slots__ = ("peer",)

print("warm-up, so that first-use allocations happen before counting:", [0], (0,), {0: 0})
gc.disable()
gc.collect()
gc.freeze()
base = gc.get_freeze_count()

nodes = [Node(), Node(), Node()]
print("gen0 before freeze:", len(gc.get_objects(0)) >= 4)
gc.freeze()
print("frozen by second freeze:", gc.get_freeze_count() - base)
print("count after freeze:", gc.get_count())
print("gen0 after freeze:", len(gc.get_objects(0)))
print("node in gen0:", nodes[0] in gc.get_objects(0))
gc.unfreeze()
print("freeze count after unfreeze:", gc.get_freeze_count())
print("node in gen2 after unfreeze:", nodes[0] in gc.get_objects(2))
