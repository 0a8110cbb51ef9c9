# pyodide: yes
# Two instances pointing at each other: what gc.collect() returns depends on the version.
import gc
gc.disable()
gc.collect()

class Node:
    pass

a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print("instance cycle:", gc.collect())
