# pyodide: yes
# A weakref to a member of a garbage cycle: callback called by the collector, referent cleared.
import gc, weakref
gc.disable()
gc.collect()

class Node:
    pass

def gone(ref):
    print("callback: cycle member gone")

a = Node()
b = Node()
a.peer = b
b.peer = a
w = weakref.ref(a, gone)
del a, b
print("still there:", w() is not None)
print("collected:", gc.collect())
print("cleared:", w() is None)

c = Node()
d = Node()
c.peer = d
d.peer = c
c.w = weakref.ref(d, gone)
del c, d
print("weakref inside the garbage, its callback is not called:", gc.collect())
