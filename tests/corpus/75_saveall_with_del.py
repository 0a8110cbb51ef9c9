# pyodide: yes
# With DEBUG_SAVEALL, finalizers still run, then the whole cycle is kept in gc.garbage.
import gc

class Fin:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("finalize", self.name)

gc.disable()
gc.collect()
gc.set_debug(gc.DEBUG_SAVEALL)
a = Fin("a")
b = Fin("b")
a.peer = b
b.peer = a
del a, b
print("collected:", gc.collect())
names = []
for o in gc.garbage:
    if isinstance(o, Fin):
        names.append(o.name)
print("saved Fin objects:", sorted(names), "garbage size:", len(gc.garbage))
gc.set_debug(0)
gc.garbage.clear()
print("after clearing, collect:", gc.collect())
