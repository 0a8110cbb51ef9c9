# pyodide: yes
# Containers that contain themselves.
import gc
gc.disable()
gc.collect()
l = []
l.append(l)
print(l)
del l
print("self-list:", gc.collect())
d = {}
d["me"] = d
print(d)
del d
print("self-dict:", gc.collect())
t = ([],)
t[0].append(t)
del t
print("tuple and list:", gc.collect())
