# pyodide: yes
# A cycle through a list, a dict and an instance.
import gc
gc.disable()
gc.collect()

class Holder:
    pass

h = Holder()
lst = [h]
d = {"list": lst}
h.d = d
del h, lst, d
print("list -> instance -> dict -> list:", gc.collect())

x = []
y = {"x": x}
x.append(y)
keep = x
del x, y
print("reachable from a name:", gc.collect())
del keep
print("after dropping the name:", gc.collect())
