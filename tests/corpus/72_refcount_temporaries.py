# pyodide: yes
# Temporaries: an object that only exists as an argument has refcount 1 inside getrefcount.
import sys
print("new list:", sys.getrefcount([]))
print("new list with items:", sys.getrefcount([1, 2, 3]))
a = [1]
print("concatenation result:", sys.getrefcount(a + a))
print("subscript of a list item:", sys.getrefcount([a][0]))
d = {"k": a}
print("value read from a dict:", sys.getrefcount(d["k"]))
print("dict get:", sys.getrefcount(d.get("k")))
t = (a, a)
print("tuple item:", sys.getrefcount(t[1]))
