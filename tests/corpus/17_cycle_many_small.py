# pyodide: yes
# Many small garbage cycles found by one collection.
import gc
gc.disable()
gc.collect()
for i in range(100):
    a = []
    b = [a]
    a.append(b)
del a, b
print("100 two-list cycles:", gc.collect())
for i in range(30):
    d = {}
    d[i] = d
del d
print("30 self-dicts:", gc.collect())
