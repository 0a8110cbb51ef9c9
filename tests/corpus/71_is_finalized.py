# pyodide: yes
# gc.is_finalized exists from 3.9; a resurrected object stays finalized.
import gc

saved = []

class Back:
    def __del__(self):
        saved.append(self)

gc.disable()
gc.collect()
x = Back()
try:
    print("new object finalized:", gc.is_finalized(x))
except AttributeError as e:
    print("AttributeError:", e)
x.me = x
del x
print("collect:", gc.collect())
try:
    print("resurrected object finalized:", gc.is_finalized(saved[0]))
except AttributeError as e:
    print("AttributeError:", e)
saved.clear()
print("collect again:", gc.collect())
