# pyodide: yes
# Objects with __del__ in a cycle are finalized by the collector, in creation order, then freed.
import gc
gc.disable()
gc.collect()

class Fin:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("finalize", self.name)

a = Fin("a")
b = Fin("b")
c = Fin("c")
a.next = b
b.next = c
c.next = a
del a, b, c
print("before collect")
n = gc.collect()
print("collected:", n)
print("garbage:", len(gc.garbage))
