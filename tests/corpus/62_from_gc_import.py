# pyodide: yes
# from gc import collect; keyword arguments to the gc functions.
from gc import collect
import gc
gc.disable()
collect()
a = []
a.append(a)
del a
print("collect(generation=0):", collect(generation=0))
b = {}
b["b"] = b
del b
print("gc.collect(generation=2):", gc.collect(generation=2))
print("is_tracked keyword-free:", gc.is_tracked([]))
