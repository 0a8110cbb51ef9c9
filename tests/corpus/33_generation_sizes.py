# pyodide: yes
# How many of our objects each generation holds as collections promote them.
import gc

class Node:
    __slots__ = ("peer",)

def mine(g):
    n = 0
    for o in gc.get_objects(g):
        if isinstance(o, Node):
            n += 1
    return n

def show(label):
    print(label, mine(0), mine(1), mine(2))

gc.disable()
gc.collect()
keep = []
for i in range(5):
    keep.append(Node())
show("five new:")
gc.collect(0)
show("collect(0):")
for i in range(3):
    keep.append(Node())
show("three more:")
gc.collect(1)
show("collect(1):")
keep.append(Node())
gc.collect(0)
show("one more, collect(0):")
gc.collect()
show("collect():")
