# pyodide: yes
# One resurrecting cycle and one plain cycle collected together: 3.8 keeps both, 3.9+ only the resurrected one.
import gc
gc.disable()
gc.collect()

saved = []

class Back:
    def __del__(self):
        saved.append(self)

class Plain:
    __slots__ = ("peer",)

x = Back()
y = Back()
x.peer = y
y.peer = x
p = Plain()
q = Plain()
p.peer = q
q.peer = p
del x, y, p, q
print("first collect:", gc.collect())
print("resurrected:", len(saved))
saved.clear()
print("second collect:", gc.collect())
print("third collect:", gc.collect())
