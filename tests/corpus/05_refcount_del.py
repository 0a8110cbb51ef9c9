# pyodide: yes
# del of names, items and attributes, several targets at once.
import sys

class Box:
    pass

v = {}
b = Box()
b.a = v
b.c = v
items = [v, v, v]
d = {1: v, 2: v}
w = v
print("start:", sys.getrefcount(v))
del b.a
print("del b.a:", sys.getrefcount(v))
del items[0], items[0]
print("del items[0] twice:", sys.getrefcount(v), len(items))
del d[1], w
print("del d[1], w:", sys.getrefcount(v))
del items[0:1]
print("del slice:", sys.getrefcount(v), items)
del b
print("del b:", sys.getrefcount(v))
