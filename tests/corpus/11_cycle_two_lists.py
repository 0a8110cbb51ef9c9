# pyodide: yes
# The classic: two lists that point at each other survive del until the collector runs.
import gc, sys
gc.disable()
gc.collect()
a = []
b = [a]
a.append(b)
print("refcounts:", sys.getrefcount(a), sys.getrefcount(b))
del a, b
print("collected:", gc.collect())
print("again:", gc.collect())
