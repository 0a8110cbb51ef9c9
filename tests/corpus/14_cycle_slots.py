# pyodide: yes
# Instances with __slots__ have no __dict__: the same count on every version.
import gc
gc.disable()
gc.collect()

class Node:
    __slots__ = ("other",)

a = Node()
b = Node()
a.other = b
b.other = a
del a, b
print("slots cycle:", gc.collect())
